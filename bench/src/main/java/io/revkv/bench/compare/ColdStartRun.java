package io.revkv.bench.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code coldstart} measured on one fresh cluster of one server: how long it took to serve, then the rate of
 * each window of puts from the start on, and its memory at the end.
 *
 * @param round            the repetition, from 1; etcd's and revkv's runs of a round ran one after the other
 * @param firstServedMs    {@link Cluster#timeToServe()}: launch to every member having answered a Range
 * @param windowPutsPerSec each window's rate in order; the first window is the cold one
 * @param errors           failed puts over all windows
 * @param rssBytes         VmRSS summed over the members after the last window
 */
public record ColdStartRun(String server, int members, int round, double firstServedMs,
                           List<Double> windowPutsPerSec, long errors, long rssBytes) {
    public ColdStartRun {
        windowPutsPerSec = List.copyOf(windowPutsPerSec);
    }

    /**
     * The compared figures by name, in report order: {@code firstServedMs}, {@code window<i>PutsPerSec} for each
     * window from 1, {@code warmMeanPutsPerSec} (the mean rate of windows 2..N, when there are at least two) and
     * {@code rssBytes} (a whole number of bytes; the others are doubles).
     */
    public Map<String, Number> figures() {
        Map<String, Number> out = new LinkedHashMap<>();
        out.put("firstServedMs", firstServedMs);
        for (int w = 0; w < windowPutsPerSec.size(); w++) {
            out.put("window" + (w + 1) + "PutsPerSec", windowPutsPerSec.get(w));
        }
        if (windowPutsPerSec.size() > 1) {
            List<Double> warm = windowPutsPerSec.subList(1, windowPutsPerSec.size());
            out.put("warmMeanPutsPerSec", warm.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
        out.put("rssBytes", rssBytes);
        return out;
    }
}
