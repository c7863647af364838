package org.openbili.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegToolsTests {

    @TempDir
    Path bin;

    @Test
    void theBundledFfmpegRunsWithoutAnyInstall() throws Exception {
        FfmpegTools.Tools tools = new FfmpegTools("bundled", "/usr/bin:/bin").tools();
        assertThat(tools.bundled()).isTrue();
        Process version = tools.ffmpeg(List.of("-hide_banner", "-version")).start();
        assertThat(new String(version.getInputStream().readAllBytes())).startsWith("ffmpeg version");
        assertThat(version.waitFor()).isZero();
        Process encoders = tools.ffmpeg(List.of("-hide_banner", "-encoders")).start();
        assertThat(new String(encoders.getInputStream().readAllBytes())).contains("libx264", "aac");
        assertThat(tools.ffprobe(List.of("-version")).start().waitFor()).isZero();
    }

    @Test
    void aSystemFfmpegOnThePathIsPreferred() throws Exception {
        FfmpegTools.Tools bundled = new FfmpegTools("bundled", "").tools();
        Files.createSymbolicLink(bin.resolve("ffmpeg"), bundled.ffmpeg());
        Files.createSymbolicLink(bin.resolve("ffprobe"), bundled.ffprobe());
        FfmpegTools.Tools found = new FfmpegTools("auto", "/nonexistent:" + bin).tools();
        assertThat(found.bundled()).isFalse();
        assertThat(found.ffmpeg()).isEqualTo(bin.resolve("ffmpeg"));
        assertThat(found.ffprobe()).isEqualTo(bin.resolve("ffprobe"));
    }

    @Test
    void withoutFfmpegOnThePathAutoFallsBackAndSystemRefuses() {
        assertThat(new FfmpegTools("auto", bin.toString()).tools().bundled()).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> new FfmpegTools("system", bin.toString()).tools());
    }
}
