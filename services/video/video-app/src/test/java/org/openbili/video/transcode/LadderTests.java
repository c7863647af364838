package org.openbili.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTests {

    @Test
    void aFullHdSourceGetsAllFourRungs() {
        Ladder ladder = Ladder.plan(new SourceInfo(1920, 1080, 60_000, 30, true, "h264"));
        assertThat(ladder.renditions())
                .extracting(Ladder.Rendition::name)
                .containsExactly("360p", "480p", "720p", "1080p");
    }

    @Test
    void noRungIsAboveTheSourceAndPortraitVideosCountTheirShortSide() {
        assertThat(Ladder.plan(new SourceInfo(1280, 720, 10_000, 30, true, "h264"))
                        .renditions())
                .extracting(Ladder.Rendition::name)
                .containsExactly("360p", "480p", "720p");
        assertThat(Ladder.plan(new SourceInfo(1080, 1920, 10_000, 30, true, "h264"))
                        .renditions())
                .hasSize(4);
        assertThat(Ladder.plan(new SourceInfo(1000, 600, 10_000, 30, true, "h264"))
                        .renditions())
                .extracting(Ladder.Rendition::name)
                .containsExactly("360p", "480p");
    }

    @Test
    void aTinySourceGetsOneRenditionAtItsOwnSize() {
        assertThat(Ladder.plan(new SourceInfo(427, 241, 10_000, 30, true, "h264"))
                        .renditions())
                .singleElement()
                .satisfies(r -> assertThat(r.side()).isEqualTo(240));
    }

    @Test
    void highFrameRatesGetMoreBitsAndLongVideosFewerThumbnails() {
        int at30 = Ladder.plan(new SourceInfo(1920, 1080, 60_000, 30, true, "h264"))
                .renditions()
                .get(3)
                .maxrateKbps();
        int at60 = Ladder.plan(new SourceInfo(1920, 1080, 60_000, 60, true, "h264"))
                .renditions()
                .get(3)
                .maxrateKbps();
        assertThat(at60).isEqualTo(at30 * 3 / 2);
        assertThat(Ladder.plan(new SourceInfo(640, 360, 20_000, 30, true, "h264"))
                        .thumbnailInterval())
                .isEqualTo(1);
        Ladder hour = Ladder.plan(new SourceInfo(640, 360, 3_600_000, 30, true, "h264"));
        assertThat(hour.thumbnailInterval()).isEqualTo(10);
        assertThat(hour.thumbnailCount(3_600_000)).isEqualTo(360);
    }

    @Test
    void theCommandDecodesOnceAndAlignsKeyframesAcrossRenditions() {
        SourceInfo source = new SourceInfo(1920, 1080, 20_000, 30, false, "h264");
        List<String> args =
                LadderCommand.arguments(Path.of("in.mp4"), Path.of("out"), source, Ladder.plan(source), "veryfast", 4);
        assertThat(args.stream().filter("-i"::equals)).hasSize(1);
        assertThat(args).containsSequence("-force_key_frames", "expr:gte(t,n_forced*4)");
        assertThat(args).containsSequence("-sc_threshold", "0");
        assertThat(args)
                .containsSequence("-var_stream_map", "v:0,name:360p v:1,name:480p v:2,name:720p v:3,name:1080p");
        assertThat(String.join(" ", args)).contains("split=6").doesNotContain("0:a:0");
    }
}
