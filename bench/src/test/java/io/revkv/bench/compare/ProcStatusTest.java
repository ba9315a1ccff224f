package io.revkv.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void vmRssIsReadInKibibytesAndReturnedInBytes() {
        String status = """
                Name:\tjava
                VmPeak:\t 9017720 kB
                VmHWM:\t  700000 kB
                VmRSS:\t  630324 kB
                RssAnon:\t  600000 kB
                """;
        assertThat(ProcStatus.vmRssBytes(status)).isEqualTo(630_324L * 1024);
    }

    @Test
    void aStatusWithoutVmRssIsRefusedRatherThanReadAsZero() {
        assertThatThrownBy(() -> ProcStatus.vmRssBytes("Name:\tetcd\nState:\tZ (zombie)\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmRSS");
    }

    @Test
    void thisProcessHasAResidentSize() {
        assertThat(ProcStatus.residentBytes(ProcessHandle.current().pid()))
                .isGreaterThan(Runtime.getRuntime().totalMemory() / 16);
    }
}
