package org.openbili.common.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. Becomes an {@code application/problem+json} answer carrying a stable
 * {@code code} and, for bad input, the offending fields.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<ProblemField> errors = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    /** A 400 about one field, the usual shape of a rule the request broke. */
    public static ApiException invalidField(String field, String message) {
        return badRequest("VALIDATION_FAILED", field + " " + message).withField(field, message);
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, detail);
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, detail)
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    public ApiException withField(String field, String message) {
        errors.add(new ProblemField(field, message));
        return this;
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ProblemField> errors() {
        return List.copyOf(errors);
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
