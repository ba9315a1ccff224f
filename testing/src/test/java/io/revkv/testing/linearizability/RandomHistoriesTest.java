package io.revkv.testing.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Histories generated from a sequential store with random overlaps must pass; the same histories with one stale
 * read injected must fail, naming that read. Seed: {@code -Dchecker.seed=...} (printed on failure).
 */
class RandomHistoriesTest {

    private static final long SEED = Long.getLong("checker.seed", 0x5EED_11L);
    private static final int TRIALS = 200;

    @Test
    void historiesOfASequentialStoreAreLinearizableAndAStaleReadIsCaught() {
        Random seeds = new Random(SEED);
        int staleReadsInjected = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            long seed = seeds.nextLong();
            String replay = "trial " + trial + " (seed " + seed + ", -Dchecker.seed=" + SEED + ")";
            Generated generated = Generated.from(new Random(seed));
            Verdict verdict = LinearizabilityChecker.check(generated.operations);
            assertThat(verdict.linearizable()).as(replay + "\n" + verdict.describe()).isTrue();

            Operation stale = generated.staleRead(new Random(seed ^ 1));
            if (stale == null) {
                continue;
            }
            staleReadsInjected++;
            List<Operation> injected = new ArrayList<>(generated.operations);
            injected.replaceAll(op -> op.id() == stale.id() ? stale : op);
            Verdict caught = LinearizabilityChecker.check(injected);
            assertThat(caught.violations()).as(replay + ": stale read " + stale + " not caught").hasSize(1);
            Violation violation = caught.violations().get(0);
            assertThat(violation.firstUnexplained().id()).as(replay + "\n" + caught.describe()).isEqualTo(stale.id());
            assertThat(violation.window()).as(replay + "\n" + caught.describe()).contains(stale);
        }
        assertThat(staleReadsInjected).as("seed " + SEED).isGreaterThan(TRIALS / 2);
    }

    /**
     * Clients issue operations one after another on a few keys, each with a random duration; each operation takes
     * effect at a random instant inside it, in that order, on a sequential map, which gives the replies. A few writes
     * become unknown, and of those half never take effect.
     */
    private record Generated(List<Operation> operations) {

        private static final int CLIENTS = 5;
        private static final int OPS_PER_CLIENT = 24;
        private static final String[] KEYS = {"k0", "k1", "k2"};

        static Generated from(Random random) {
            List<Draft> drafts = new ArrayList<>();
            int values = 0;
            for (int client = 0; client < CLIENTS; client++) {
                long time = random.nextInt(20);
                for (int i = 0; i < OPS_PER_CLIENT; i++) {
                    long invoked = time * 1000 + client;
                    long completed = invoked + 1000 + random.nextInt(40) * 1000L;
                    long point = invoked + 1 + (long) (random.nextDouble() * (completed - invoked - 2));
                    String key = KEYS[random.nextInt(KEYS.length)];
                    Command command = switch (random.nextInt(3)) {
                        case 0 -> new Command.Put(key, "v" + values++);
                        case 1 -> new Command.Get(key);
                        default -> new Command.CompareAndSet(key, "v" + random.nextInt(Math.max(1, values)),
                                "v" + values++);
                    };
                    boolean unknown = command instanceof Command.Get ? false : random.nextInt(12) == 0;
                    boolean applies = !unknown || random.nextBoolean();
                    drafts.add(new Draft(client, command, invoked, completed, point, unknown, applies));
                    time = completed / 1000 + random.nextInt(3);
                }
            }
            return new Generated(replay(drafts));
        }

        private static List<Operation> replay(List<Draft> drafts) {
            drafts.sort(Comparator.comparingLong(Draft::point));
            Map<String, String> store = new HashMap<>();
            List<Operation> operations = new ArrayList<>();
            for (Draft d : drafts) {
                Reply reply = d.unknown ? Reply.UNKNOWN : Reply.DONE;
                String current = store.get(d.command.key());
                if (d.command instanceof Command.Get) {
                    reply = new Reply.Read(current);
                } else if (d.command instanceof Command.CompareAndSet cas) {
                    boolean holds = cas.expected().equals(current);
                    if (holds && d.applies) {
                        store.put(cas.key(), cas.value());
                    }
                    reply = d.unknown ? reply : new Reply.Swapped(holds);
                } else if (d.applies) {
                    store.put(d.command.key(), ((Command.Put) d.command).value());
                }
                operations.add(new Operation(0, d.client, d.command, d.invoked, d.completed, reply));
            }
            operations.sort(Comparator.comparingLong(Operation::invokedAt));
            List<Operation> numbered = new ArrayList<>();
            for (Operation op : operations) {
                numbered.add(new Operation(numbered.size(), op.client(), op.command(), op.invokedAt(),
                        op.completedAt(), op.reply()));
            }
            return numbered;
        }

        /**
         * A get that reads a value certainly overwritten before it began: written by an acknowledged write W1 that
         * completed before an acknowledged write W2 on the same key began, W2 completing before the get began.
         * Values are unique, so no order can explain it. {@code null} when the history has no such triple.
         */
        Operation staleRead(Random random) {
            List<Operation> gets = operations.stream().filter(op -> op.command() instanceof Command.Get).toList();
            for (int attempt = 0; attempt < 20 && !gets.isEmpty(); attempt++) {
                Operation get = gets.get(random.nextInt(gets.size()));
                for (Operation w2 : writesBefore(get.key(), get.invokedAt())) {
                    for (Operation w1 : writesBefore(get.key(), w2.invokedAt())) {
                        String overwritten = written(w1);
                        if (!overwritten.equals(((Reply.Read) get.reply()).value())) {
                            return new Operation(get.id(), get.client(), get.command(), get.invokedAt(),
                                    get.completedAt(), new Reply.Read(overwritten));
                        }
                    }
                }
            }
            return null;
        }

        private List<Operation> writesBefore(String key, long time) {
            return operations.stream().filter(op -> op.key().equals(key) && op.completedAt() < time)
                    .filter(op -> op.reply() instanceof Reply.Done
                            || op.reply() instanceof Reply.Swapped s && s.swapped())
                    .toList();
        }

        private static String written(Operation write) {
            return write.command() instanceof Command.Put put ? put.value()
                    : ((Command.CompareAndSet) write.command()).value();
        }
    }

    private record Draft(int client, Command command, long invoked, long completed, long point, boolean unknown,
            boolean applies) {
    }
}
