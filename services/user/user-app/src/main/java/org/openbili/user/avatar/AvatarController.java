package org.openbili.user.avatar;

import java.io.IOException;
import org.openbili.common.id.Snowflake;
import org.openbili.common.problem.ApiException;
import org.openbili.security.AuthUser;
import org.openbili.storage.ObjectStorage;
import org.openbili.user.profile.AvatarUrls;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Avatar uploads (multipart part {@code file}). The upload is stored and answered with its key; the profile
 * shows it once the user sets it with {@code PATCH /api/v1/users/me {avatarKey}}.
 */
@RestController
class AvatarController {

    private final AvatarImages images;
    private final ObjectStorage storage;
    private final Snowflake ids;

    AvatarController(AvatarImages images, ObjectStorage storage, Snowflake ids) {
        this.images = images;
        this.storage = storage;
        this.ids = ids;
    }

    record AvatarResponse(String avatarKey, String avatarUrl) {}

    @PostMapping(path = "/api/v1/users/me/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    AvatarResponse upload(AuthUser user, @RequestParam("file") MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw ApiException.invalidField("file", "是空的");
        }
        byte[] avatar = images.avatarFrom(file.getBytes());
        String key = AvatarUrls.ownPrefix(user.uid()) + ids.nextId() + ".jpg";
        storage.put(key, avatar, MediaType.IMAGE_JPEG_VALUE);
        return new AvatarResponse(key, AvatarUrls.of(key));
    }
}
