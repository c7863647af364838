package org.openbili.interaction.user;

/** How a user appears beside what they wrote. Fields are null while the user service has not told us yet. */
public record UserCard(String uid, String nickname, String avatarUrl) {

    public static UserCard unknown(long uid) {
        return new UserCard(Long.toString(uid), null, null);
    }
}
