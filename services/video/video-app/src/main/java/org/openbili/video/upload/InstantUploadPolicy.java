package org.openbili.video.upload;

/**
 * Whether stored bytes may be handed to another user without being sent again (秒传). Knowing a file's hash
 * must not be enough to obtain someone's unpublished video, so the catalog decides.
 */
public interface InstantUploadPolicy {

    boolean isPublic(String sourceKey);
}
