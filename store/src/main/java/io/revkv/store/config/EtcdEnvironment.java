package io.revkv.store.config;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * etcd's rule for environment variables: every flag {@code --some-flag} may be given as {@code ETCD_SOME_FLAG}; a flag
 * on the command line wins over the variable, the variable over the built-in default.
 */
final class EtcdEnvironment implements IDefaultValueProvider {

    private final Map<String, String> env;

    EtcdEnvironment(Map<String, String> env) {
        this.env = env;
    }

    static String variableFor(String flag) {
        return "ETCD_" + flag.replaceFirst("^-+", "").replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            String value = env.get(variableFor(option.longestName()));
            if (value != null) {
                return value;
            }
        }
        return arg.defaultValue();
    }
}
