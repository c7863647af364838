package org.openbili.storage;

import java.util.regex.Pattern;

/** The rules for object keys, so no key can name a place outside the store. */
public final class StorageKeys {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/]{0,511}");

    private StorageKeys() {}

    public static String check(String key) {
        if (key == null
                || !ALLOWED.matcher(key).matches()
                || key.contains("..")
                || key.contains("//")
                || key.endsWith("/")) {
            throw new IllegalArgumentException("not a valid object key: " + key);
        }
        return key;
    }

    public static boolean isValid(String key) {
        try {
            check(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
