package dev.irbis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    @Test
    void modelRowsGetImagesPerSecondAndRatioToOrtOfTheSameConfiguration() {
        List<ModelRow> rows = List.of(
                new ModelRow("resnet50-v1", 8, 2, "irbis", 400, 420, 5, 30, null),
                new ModelRow("resnet50-v1", 8, 2, "ort", 200, 210, 3, 60, null),
                new ModelRow("resnet50-v1", 1, 2, "irbis", 50, 55, 1, 100, null));
        String md = ResultTable.markdown("t", List.of("CPU: x"), rows, List.of(), List.of());
        assertTrue(md.contains("| resnet50-v1 | 8 | 2 | irbis | 400 | 420 | 5.00 | 20.0 | 2.00 |"), md);
        assertTrue(md.contains("| resnet50-v1 | 8 | 2 | ort | 200 | 210 | 3.00 | 40.0 | 1.00 |"), md);
        // No ORT row at batch 1: no ratio rather than one against another configuration.
        assertTrue(md.contains("| resnet50-v1 | 1 | 2 | irbis | 50.0 | 55.0 | 1.00 | 20.0 | – |"), md);
        assertTrue(md.startsWith("# t\n\n- CPU: x\n"), md);
    }

    @Test
    void kernelRowsGetGflopsAndRatioToOpenBlas() {
        double flops = GemmShape.parse("64x64x3136").flops();
        List<KernelRow> rows = List.of(
                new KernelRow("gemm", "64x64x3136", 1, "openblas", 500, 510, flops, null),
                new KernelRow("gemm", "64x64x3136", 1, "java", 1000, 1100, flops, null));
        String md = ResultTable.markdown("t", List.of(), List.of(), rows, List.of());
        // 2 * 64 * 64 * 3136 = 25.69 MFLOP; in 500 us that is 51.4 GFLOP/s.
        assertTrue(md.contains("| gemm | 64x64x3136 | 1 | openblas | 500 | 510 | 51.4 | 1.00 |"), md);
        assertTrue(md.contains("| gemm | 64x64x3136 | 1 | java | 1000 | 1100 | 25.7 | 0.50 |"), md);
        assertTrue(!md.contains("## Models"), md);
    }

    @Test
    void failedConfigurationsAreListedWithTheirReasonAndNotes() {
        String md = ResultTable.markdown("t", List.of(),
                List.of(ModelRow.failed("bit-r50x1", 1, 1, "irbis", "no result | see log")), List.of(), List.of("a note"));
        assertTrue(md.contains("| bit-r50x1 | 1 | 1 | irbis | failed: no result \\| see log | | | | |"), md);
        assertTrue(md.contains("## Notes\n\n- a note\n"), md);
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("1235", ResultTable.num(1234.6));
        assertEquals("12.3", ResultTable.num(12.34));
        assertEquals("1.23", ResultTable.num(1.234));
        assertEquals("0.123", ResultTable.num(0.1234));
        assertEquals("–", ResultTable.num(Double.NaN));
    }

    @Test
    void convFlopsFollowTheLayerShape() {
        // ResNet-50 conv1: 64 x 3 x 7 x 7 x 112 x 112 MACs.
        ConvLayer conv1 = ConvLayer.byName("conv1-7x7s2");
        assertEquals(112, conv1.outSize());
        assertEquals(2.0 * 64 * 3 * 49 * 112 * 112, conv1.flops());
    }
}
