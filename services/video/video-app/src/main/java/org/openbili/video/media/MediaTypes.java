package org.openbili.video.media;

import java.util.Locale;
import java.util.Map;

/** What a media file is, by its extension: its content type, how long it may be cached, whether it is signed. */
enum MediaTypes {
    PLAYLIST("application/vnd.apple.mpegurl", Caching.SHORT, true),
    SEGMENT_TS("video/mp2t", Caching.IMMUTABLE, true),
    SEGMENT_MP4("video/mp4", Caching.IMMUTABLE, true),
    SEGMENT_M4S("video/iso.segment", Caching.IMMUTABLE, true),
    AUDIO_AAC("audio/aac", Caching.IMMUTABLE, true),
    JPEG("image/jpeg", Caching.IMMUTABLE, false),
    PNG("image/png", Caching.IMMUTABLE, false),
    WEBP("image/webp", Caching.IMMUTABLE, false),
    GIF("image/gif", Caching.IMMUTABLE, false),
    WEBVTT("text/vtt; charset=utf-8", Caching.SHORT, false),
    OTHER("application/octet-stream", Caching.SHORT, false);

    /** Segments and images never change under their name (new versions get new folders); playlists may. */
    enum Caching {
        IMMUTABLE("public, max-age=31536000, immutable"),
        SHORT("public, max-age=60");

        final String header;

        Caching(String header) {
            this.header = header;
        }
    }

    private static final Map<String, MediaTypes> BY_EXTENSION = Map.ofEntries(
            Map.entry("m3u8", PLAYLIST),
            Map.entry("ts", SEGMENT_TS),
            Map.entry("mp4", SEGMENT_MP4),
            Map.entry("m4s", SEGMENT_M4S),
            Map.entry("aac", AUDIO_AAC),
            Map.entry("jpg", JPEG),
            Map.entry("jpeg", JPEG),
            Map.entry("png", PNG),
            Map.entry("webp", WEBP),
            Map.entry("gif", GIF),
            Map.entry("vtt", WEBVTT));

    final String contentType;
    final Caching caching;
    /** Streams are what a signature protects; covers, sprites and avatars stay linkable from anywhere. */
    final boolean signed;

    MediaTypes(String contentType, Caching caching, boolean signed) {
        this.contentType = contentType;
        this.caching = caching;
        this.signed = signed;
    }

    static MediaTypes of(String key) {
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, OTHER);
    }
}
