package io.revkv.operator.apiserver;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/**
 * A value of Kubernetes' CEL quantity library ({@code quantity("8Gi")}), compared by amount as
 * apimachinery's resource.Quantity is: {@code quantity("1Gi").compareTo(quantity("1024Mi")) == 0}.
 */
record KubernetesQuantity(BigDecimal amount) implements Comparable<KubernetesQuantity> {

    /** @throws IllegalArgumentException for what the API server's quantity() refuses */
    static KubernetesQuantity parse(String text) {
        if (!isQuantity(text)) {
            throw new IllegalArgumentException("quantities must match the regular expression "
                    + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        }
        return new KubernetesQuantity(Quantity.getAmountInBytes(new Quantity(text)));
    }

    static boolean isQuantity(String text) {
        return text.matches(QUANTITY);
    }

    /** What apimachinery's ParseQuantity accepts: a number, then a binary suffix, a decimal one or an exponent. */
    private static final String QUANTITY = "^[+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))"
            + "(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

    @Override
    public int compareTo(KubernetesQuantity other) {
        return amount.compareTo(other.amount);
    }
}
