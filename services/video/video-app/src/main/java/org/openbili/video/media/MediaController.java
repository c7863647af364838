package org.openbili.video.media;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openbili.common.problem.ApiException;
import org.openbili.storage.ObjectStorage;
import org.openbili.storage.StoredObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Every stored object at {@code /media/<key>} (HLS, covers, sprites, avatars), with single ranges (206),
 * validators (ETag, Last-Modified → 304) and long caching for what never changes. Originals are never served.
 * A local store's files go out through the container's sendfile, without passing through the JVM heap.
 */
@RestController
class MediaController {

    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";

    private final ObjectStorage storage;
    private final MediaProperties properties;
    private final MediaSigner signer;

    MediaController(ObjectStorage storage, MediaProperties properties, MediaSigner signer) {
        this.storage = storage;
        this.properties = properties;
        this.signer = signer;
    }

    @RequestMapping(
            path = "/media/**",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MediaRequest media = MediaRequest.parse(request.getRequestURI());
        if (media == null || media.key().startsWith("originals/")) {
            throw notFound();
        }
        MediaTypes type = MediaTypes.of(media.key());
        checkSignature(media, type);
        StoredObject object = storage.stat(media.key()).orElseThrow(MediaController::notFound);

        response.setHeader(HttpHeaders.CACHE_CONTROL, type.caching.header);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (new ServletWebRequest(request, response)
                .checkNotModified(object.etag(), object.lastModified().toEpochMilli())) {
            return;
        }
        response.setContentType(type.contentType);

        long start = 0;
        long length = object.size();
        Optional<HttpRange> range = range(request, object);
        if (range.isPresent()) {
            start = range.get().getRangeStart(object.size());
            long end = range.get().getRangeEnd(object.size());
            if (start >= object.size() || end < start) {
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + object.size());
                response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
                return;
            }
            length = end - start + 1;
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + object.size());
        }
        response.setContentLengthLong(length);
        if ("HEAD".equals(request.getMethod()) || length == 0) {
            return;
        }
        Optional<Path> file = storage.localFile(media.key());
        if (file.isPresent() && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            request.setAttribute(
                    "org.apache.tomcat.sendfile.filename", file.get().toString());
            request.setAttribute("org.apache.tomcat.sendfile.start", start);
            request.setAttribute("org.apache.tomcat.sendfile.end", start + length);
            return;
        }
        try (InputStream in = storage.open(media.key(), start, length);
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private void checkSignature(MediaRequest media, MediaTypes type) {
        if (!properties.signing() || !(type.signed || media.isSigned())) {
            return;
        }
        if (!media.isSigned()) {
            throw ApiException.forbidden("MEDIA_SIGNATURE_REQUIRED", "这个地址需要签名 (this media needs a signed URL)");
        }
        if (!signer.isValid(media.expires(), media.signature(), media.key())) {
            throw ApiException.forbidden(
                    "MEDIA_SIGNATURE_INVALID", "链接已过期或签名无效 (the signed URL expired or is not valid)");
        }
    }

    /** One satisfiable range, honouring If-Range; several ranges get the whole object (RFC 9110 allows it). */
    private static Optional<HttpRange> range(HttpServletRequest request, StoredObject object) {
        String header = request.getHeader(HttpHeaders.RANGE);
        if (header == null) {
            return Optional.empty();
        }
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRange.equals(object.etag())) {
            return Optional.empty();
        }
        try {
            List<HttpRange> ranges = HttpRange.parseRanges(header);
            return ranges.size() == 1 ? Optional.of(ranges.get(0)) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("MEDIA_NOT_FOUND", "没有这个文件 (no such media)");
    }
}
