package org.openbili.video.transcode;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Packs the thumbnails ffmpeg wrote into sprite sheets of 10×10 and writes the WebVTT index players use for
 * seek previews ({@code sprite_000.jpg#xywh=x,y,w,h} per interval). Sheets are few small images, so doing this
 * here costs nothing next to the transcode, and the index matches the sheets exactly.
 */
final class ThumbnailSprites {

    static final int WIDTH = 160;
    static final int HEIGHT = 90;
    static final int COLUMNS = 10;
    static final int ROWS = 10;

    private ThumbnailSprites() {}

    /** Writes the sheets and {@code vttName} into {@code out}; returns the sheets' file names. */
    static List<String> write(Path thumbs, Path out, double interval, long durationMs, String vttName)
            throws IOException {
        List<Path> images;
        try (Stream<Path> files = Files.list(thumbs)) {
            images = files.filter(f -> f.getFileName().toString().endsWith(".jpg"))
                    .sorted()
                    .toList();
        }
        List<String> sheets = new ArrayList<>();
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        int perSheet = COLUMNS * ROWS;
        for (int first = 0; first < images.size(); first += perSheet) {
            List<Path> chunk = images.subList(first, Math.min(images.size(), first + perSheet));
            int rows = (chunk.size() + COLUMNS - 1) / COLUMNS;
            BufferedImage sheet = new BufferedImage(
                    WIDTH * Math.min(COLUMNS, chunk.size()), HEIGHT * rows, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sheet.createGraphics();
            String name = String.format(Locale.ROOT, "sprite_%03d.jpg", sheets.size());
            for (int i = 0; i < chunk.size(); i++) {
                int x = (i % COLUMNS) * WIDTH;
                int y = (i / COLUMNS) * HEIGHT;
                g.drawImage(ImageIO.read(chunk.get(i).toFile()), x, y, WIDTH, HEIGHT, null);
                long from = Math.round((first + i) * interval * 1000);
                long to = Math.min(durationMs, Math.round((first + i + 1) * interval * 1000));
                if (to > from) {
                    vtt.append(time(from)).append(" --> ").append(time(to)).append('\n');
                    vtt.append(name)
                            .append("#xywh=")
                            .append(x)
                            .append(',')
                            .append(y)
                            .append(',');
                    vtt.append(WIDTH).append(',').append(HEIGHT).append("\n\n");
                }
            }
            g.dispose();
            ImageIO.write(sheet, "jpg", out.resolve(name).toFile());
            sheets.add(name);
        }
        Files.writeString(out.resolve(vttName), vtt.toString(), StandardCharsets.UTF_8);
        return sheets;
    }

    private static String time(long millis) {
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millis % 1000);
    }
}
