package io.revkv.bench.load;

/** One blocking request of a load run; a thrown exception counts as an error of that request. */
@FunctionalInterface
public interface Operation {
    void call(int client, long seq) throws Exception;
}
