package io.revkv.bench.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What etcd 3.4's {@code benchmark put} prints (pkg/report's format), read back as a window's rate and errors. */
class LoadToolOutputTest {
    /** A progress bar with carriage returns, then the summary, histogram and percentiles, as the tool prints them. */
    private static final String SUCCESS = """
             0 / 15000 [--------------------------------------------------------------]   0.00%\r\
             15000 / 15000 Booooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo! 100.00% 1s

            Summary:
              Total:\t1.2500 secs.
              Slowest:\t0.0410 secs.
              Fastest:\t0.0004 secs.
              Average:\t0.0052 secs.
              Stddev:\t0.0031 secs.
              Requests/sec:\t12000.5000

            Response time histogram:
              0.0004 [1]\t|
              0.0045 [9000]\t|∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎
              0.0410 [5999]\t|∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎∎

            Latency distribution:
              10% in 0.0021 secs.
              99.9% in 0.0380 secs.
            """;

    @Test
    void theRateIsTheSummarysRequestsPerSecondAndTheHistogramCountsAreNotErrors() {
        assertThat(LoadToolOutput.parse(SUCCESS)).isEqualTo(new WindowLoad.Rate(12000.5, 0));
    }

    @Test
    void errorsAreTheSumOfTheErrorDistribution() {
        String output = SUCCESS + """

                Error distribution:
                  [3]\trpc error: code = Unavailable desc = transport is closing
                  [2]\tetcdserver: request timed out
                """;
        assertThat(LoadToolOutput.parse(output)).isEqualTo(new WindowLoad.Rate(12000.5, 5));
    }

    @Test
    void withEveryRequestFailedThereIsNoSummaryAndTheRateIsZero() {
        String output = """

                Error distribution:
                  [15000]\tcontext deadline exceeded
                """;
        assertThat(LoadToolOutput.parse(output)).isEqualTo(new WindowLoad.Rate(0, 15000));
    }

    @Test
    void thePreciseFormatMayWriteAnExponent() {
        assertThat(LoadToolOutput.parse("Summary:\n  Requests/sec:\t1.25e+06\n").putsPerSec()).isEqualTo(1.25e6);
    }

    @Test
    void outputWithNeitherASummaryNorErrorsIsNotARunOfTheTool() {
        assertThatThrownBy(() -> LoadToolOutput.parse("Error: unknown flag: --total-puts\nUsage: ..."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Requests/sec:")
                .hasMessageContaining("unknown flag");
    }
}
