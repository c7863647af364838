package org.openbili.user.avatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;
import org.openbili.common.problem.ApiException;
import org.springframework.stereotype.Component;

/**
 * Turns an uploaded picture into an avatar: the bytes must decode as a JPEG, PNG, GIF, BMP or WebP image (the
 * file name and declared type are not trusted), of sane dimensions; the result is a square JPEG cut from the
 * centre, upright as the camera held it (EXIF orientation), transparency on white.
 */
@Component
class AvatarImages {

    static final int SIZE = 256;
    /** Refuses decompression bombs before decoding: a 5 MB file may claim billions of pixels. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final Set<String> FORMATS = Set.of("jpeg", "jpg", "png", "gif", "bmp", "webp");

    AvatarImages() {
        // Registers the WebP reader found on this service's class path (ImageIO scans only once per JVM).
        ImageIO.scanForPlugins();
    }

    byte[] avatarFrom(byte[] upload) {
        check(upload);
        try {
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            Thumbnails.of(new ByteArrayInputStream(upload))
                    .crop(Positions.CENTER)
                    .size(SIZE, SIZE)
                    .addFilter(AvatarImages::onWhite)
                    .outputFormat("jpg")
                    .outputQuality(0.9)
                    .toOutputStream(jpeg);
            return jpeg.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw unreadable();
        }
    }

    /** Reads only the header: the format and the dimensions. */
    private static void check(byte[] upload) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw ApiException.invalidField("file", "不是图片（支持 JPEG、PNG、GIF、BMP、WebP）");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw ApiException.invalidField("file", "不支持的图片格式：" + format);
                }
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw ApiException.invalidField("file", "图片尺寸过大（最多 4000 万像素）");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw unreadable();
        }
    }

    private static BufferedImage onWhite(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static ApiException unreadable() {
        return ApiException.invalidField("file", "图片已损坏或无法识别");
    }
}
