package io.revkv.operator.apiserver;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;

/**
 * The CEL environment of a CRD validation rule, as far as revkv's rules need it: {@code self} and {@code oldSelf}
 * (dynamic: values are plain JSON), the standard macros, the strings extension, and Kubernetes' quantity library
 * ({@code quantity}, {@code isQuantity}, {@code compareTo}, {@code isLessThan}, {@code isGreaterThan}). A rule that
 * calls anything else fails to compile here, as it would be refused by an API server without that library.
 */
final class KubernetesCel {

    private static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("quantity",
                            CelOverloadDecl.newGlobalOverload("string_to_quantity", QUANTITY, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("isQuantity",
                            CelOverloadDecl.newGlobalOverload("is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("compareTo",
                            CelOverloadDecl.newMemberOverload("quantity_compare_to", SimpleType.INT, QUANTITY, QUANTITY)),
                    CelFunctionDecl.newFunctionDeclaration("isLessThan",
                            CelOverloadDecl.newMemberOverload("quantity_less_than", SimpleType.BOOL, QUANTITY, QUANTITY)),
                    CelFunctionDecl.newFunctionDeclaration("isGreaterThan",
                            CelOverloadDecl.newMemberOverload("quantity_greater_than", SimpleType.BOOL, QUANTITY, QUANTITY)))
            .build();

    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .addFunctionBindings(
                    CelFunctionBinding.from("string_to_quantity", String.class, KubernetesQuantity::parse),
                    CelFunctionBinding.from("is_quantity_string", String.class, KubernetesQuantity::isQuantity),
                    CelFunctionBinding.from("quantity_compare_to", KubernetesQuantity.class, KubernetesQuantity.class,
                            (a, b) -> (long) Integer.signum(a.compareTo(b))),
                    CelFunctionBinding.from("quantity_less_than", KubernetesQuantity.class, KubernetesQuantity.class,
                            (a, b) -> a.compareTo(b) < 0),
                    CelFunctionBinding.from("quantity_greater_than", KubernetesQuantity.class, KubernetesQuantity.class,
                            (a, b) -> a.compareTo(b) > 0))
            .build();

    /** A compiled rule or message expression. */
    CelRuntime.Program compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            return runtime.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("CEL expression does not compile: " + expression + "\n" + e.getMessage(), e);
        }
    }

    static Object eval(CelRuntime.Program program, Map<String, Object> variables) throws CelEvaluationException {
        return program.eval(variables);
    }
}
