package org.openbili.video.upload;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Pattern;
import me.desair.tus.server.TusFileUploadService;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tus 1.0 endpoint ({@code /api/v1/uploads}): creation, HEAD/PATCH to resume, termination, checksums.
 * tus-java-server speaks the protocol; around it we check size and metadata before a byte is accepted, keep
 * uploads to their uploader (403 for anyone else), and finish an upload once its last byte arrived.
 */
@RestController
class TusUploadController {

    private static final Pattern UPLOAD_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern OFFSET = Pattern.compile("[0-9]{1,19}");

    private final TusFileUploadService tus;
    private final Uploads uploads;
    private final UploadFinisher finisher;
    private final UploadProperties properties;

    TusUploadController(
            TusFileUploadService tus, Uploads uploads, UploadFinisher finisher, UploadProperties properties) {
        this.tus = tus;
        this.uploads = uploads;
        this.finisher = finisher;
        this.properties = properties;
    }

    @RequestMapping(
            path = {TusConfiguration.UPLOADS_PATH, TusConfiguration.UPLOADS_PATH + "/{id}"},
            method = RequestMethod.OPTIONS)
    void options(HttpServletRequest request, HttpServletResponse response) throws IOException {
        tus.process(request, response);
        String extensions = response.getHeader("Tus-Extension");
        if (extensions != null) {
            response.setHeader(
                    "Tus-Extension",
                    String.join(
                            ",",
                            Arrays.stream(extensions.split(","))
                                    .filter(extension -> !extension.equals(TusConfiguration.DEFERRED_LENGTH))
                                    .toList()));
        }
    }

    @RequestMapping(path = TusConfiguration.UPLOADS_PATH, method = RequestMethod.POST)
    void create(HttpServletRequest request, HttpServletResponse response, AuthUser user) throws IOException {
        long length = uploadLength(request);
        UploadMetadata metadata = UploadMetadata.parse(request.getHeader(UploadMetadata.HEADER));
        tus.process(request, response, owner(user));
        String location = response.getHeader("Location");
        if (response.getStatus() == HttpStatus.CREATED.value() && location != null) {
            uploads.register(location.substring(location.lastIndexOf('/') + 1), user.uid(), metadata, length);
        }
    }

    @RequestMapping(
            path = TusConfiguration.UPLOADS_PATH + "/{id}",
            method = {RequestMethod.HEAD, RequestMethod.PATCH, RequestMethod.DELETE})
    void resume(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, AuthUser user)
            throws IOException {
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw ApiException.notFound("UPLOAD_NOT_FOUND", "没有这个上传 (no such upload)");
        }
        uploads.checkOwner(id, user.uid());
        if ("PATCH".equals(request.getMethod())) {
            uploadOffset(request);
        }
        tus.process(request, response, owner(user));
        try {
            if (response.getStatus() == HttpStatus.OK.value() && response.getHeader("Upload-Offset") == null) {
                // tus-java-server answers a bare 200 when another request holds the upload's lock
                throw new ApiException(HttpStatus.LOCKED, "UPLOAD_LOCKED", "另一个请求正在写入这个上传，请稍后重试 (upload busy)");
            }
            boolean succeeded = response.getStatus() == HttpStatus.NO_CONTENT.value();
            if (succeeded && "PATCH".equals(request.getMethod())) {
                uploads.touch(id);
                finisher.finishIfComplete(id, user.uid());
            } else if (succeeded && "DELETE".equals(request.getMethod())) {
                uploads.abandon(id, "上传已被取消 (the upload was cancelled)");
            }
        } catch (ApiException problem) {
            // tus-java-server announced an empty body; the problem document needs its own length
            response.setContentLengthLong(-1);
            throw problem;
        }
    }

    /** A PATCH names where its bytes go; a malformed offset is bad input (400), a wrong one tus's 409. */
    private static void uploadOffset(HttpServletRequest request) {
        String header = request.getHeader("Upload-Offset");
        if (header == null || !OFFSET.matcher(header.trim()).matches()) {
            throw ApiException.invalidField("Upload-Offset", "is required: a byte offset, a whole number ≥ 0");
        }
    }

    /** Checked here rather than by tus so the answer is problem+json naming the header. */
    private long uploadLength(HttpServletRequest request) {
        String header = request.getHeader("Upload-Length");
        long length;
        try {
            length = Long.parseLong(header == null ? "" : header.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("Upload-Length", "is required: the size of the file in bytes");
        }
        if (length < 1) {
            throw ApiException.invalidField("Upload-Length", "must be at least 1");
        }
        long max = properties.maxSize().toBytes();
        if (length > max) {
            throw new ApiException(
                            HttpStatus.valueOf(413),
                            "UPLOAD_TOO_LARGE",
                            "文件太大：上限为 " + properties.maxSize().toMegabytes() + " MB (file too large)")
                    .withField("Upload-Length", "must be at most " + max);
        }
        return length;
    }

    private static String owner(AuthUser user) {
        return Long.toString(user.uid());
    }
}
