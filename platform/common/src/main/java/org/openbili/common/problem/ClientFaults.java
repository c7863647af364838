package org.openbili.common.problem;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Failures that mean the request could not be read, wherever they surface (a filter, argument resolution): a
 * multipart body that is not one, a parameter Spring Security's firewall refuses, a query Tomcat cannot decode.
 * Matched by class name where the class belongs to a library not every service has.
 */
final class ClientFaults {

    private static final String FIREWALL_REJECTION =
            "org.springframework.security.web.firewall.RequestRejectedException";
    private static final String TOMCAT_BAD_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

    private ClientFaults() {}

    /** The 400 for a failure anywhere in its causes that is the client's; null when it is ours. */
    static ProblemDetail problem(Object failure) {
        for (Throwable cause = failure instanceof Throwable t ? t : null; cause != null; cause = cause.getCause()) {
            if (cause instanceof MaxUploadSizeExceededException) {
                return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The upload is too large.");
            }
            if (cause instanceof MultipartException) {
                return Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "MALFORMED_BODY",
                        "The multipart body could not be read.",
                        List.of(new ProblemField("body", "不是有效的 multipart/form-data")));
            }
            String type = cause.getClass().getName();
            if (type.equals(FIREWALL_REJECTION) || type.equals(TOMCAT_BAD_PARAMETER)) {
                return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "The request could not be read.");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
