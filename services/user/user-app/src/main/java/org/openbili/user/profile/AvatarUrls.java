package org.openbili.user.profile;

/**
 * Where clients fetch an avatar: every stored object is served by the video service under {@code /media/<key>},
 * and the default avatar is stored at {@link #DEFAULT_KEY} when the service starts.
 */
public final class AvatarUrls {

    public static final String DEFAULT_KEY = "avatars/default.png";

    private AvatarUrls() {}

    public static String of(String avatarKey) {
        return "/media/" + (avatarKey == null ? DEFAULT_KEY : avatarKey);
    }

    /** The key prefix under which {@code uid}'s own uploads live; a profile may only point there. */
    public static String ownPrefix(long uid) {
        return "avatars/" + uid + "/";
    }
}
