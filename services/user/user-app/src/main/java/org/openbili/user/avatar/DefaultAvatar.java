package org.openbili.user.avatar;

import java.io.IOException;
import java.io.InputStream;
import org.openbili.storage.ObjectStorage;
import org.openbili.user.profile.AvatarUrls;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Puts the default avatar into the object store at start, so {@code /media/avatars/default.png} always exists. */
@Component
class DefaultAvatar implements ApplicationRunner {

    private final ObjectStorage storage;

    DefaultAvatar(ObjectStorage storage) {
        this.storage = storage;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (storage.stat(AvatarUrls.DEFAULT_KEY).isEmpty()) {
            try (InputStream image = new ClassPathResource("avatar/default.png").getInputStream()) {
                storage.put(AvatarUrls.DEFAULT_KEY, image.readAllBytes(), MediaType.IMAGE_PNG_VALUE);
            }
        }
    }
}
