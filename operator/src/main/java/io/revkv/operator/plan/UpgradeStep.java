package io.revkv.operator.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which version changes a roll may make: any patch change within a minor version, or one minor step up within a
 * major version (0.1.x to 0.2.y). A member's store reads the data the previous minor version wrote; nothing more
 * is promised, so a longer step, a minor downgrade or a major change is refused. A Pod recording no version (built
 * before versions were recorded) is not checked.
 */
final class UpgradeStep {

    private static final Pattern VERSION = Pattern.compile("v?([0-9]+)\\.([0-9]+)\\.([0-9]+)([-+].*)?");

    private UpgradeStep() {
    }

    /** Why going from one version to the other is refused, or empty when it is allowed. */
    static Optional<String> refusal(String from, String to) {
        if (from.isEmpty() || to.isEmpty() || from.equals(to)) {
            return Optional.empty();
        }
        Matcher f = VERSION.matcher(from);
        Matcher t = VERSION.matcher(to);
        if (!f.matches() || !t.matches()) {
            return Optional.of("cannot tell the step from " + from + " to " + to + ": not major.minor.patch");
        }
        long fromMajor = Long.parseLong(f.group(1));
        long fromMinor = Long.parseLong(f.group(2));
        long toMajor = Long.parseLong(t.group(1));
        long toMinor = Long.parseLong(t.group(2));
        if (fromMajor == toMajor && (toMinor == fromMinor || toMinor == fromMinor + 1)) {
            return Optional.empty();
        }
        return Optional.of("from " + from + " to " + to + " is more than a patch or one minor step up; "
                + "upgrade one minor version at a time");
    }
}
