package org.openbili.storage;

import java.time.Instant;

/** An object's size, last modification, validator and type. */
public record StoredObject(String key, long size, Instant lastModified, String etag, String contentType) {}
