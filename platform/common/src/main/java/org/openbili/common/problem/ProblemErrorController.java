package org.openbili.common.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page (failures outside Spring MVC: filters, rejected requests) answers problem+json
 * too, and never shows a trace. A request a filter could not read (a broken multipart body, a parameter the
 * firewall refuses) is the client's fault, so a 400, not a 500.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        ProblemDetail malformed = ClientFaults.problem(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        if (malformed != null) {
            return ResponseEntity.status(malformed.getStatus())
                    .contentType(Problems.MEDIA_TYPE)
                    .body(malformed);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status =
                code instanceof Integer value ? HttpStatusCode.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status.is5xxServerError()
                ? "Something went wrong on our side. It has been logged with this request's id."
                : HttpStatus.resolve(status.value()) != null
                        ? HttpStatus.resolve(status.value()).getReasonPhrase()
                        : "Request failed";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(Problems.MEDIA_TYPE);
        return ResponseEntity.status(status)
                .headers(headers)
                .body(Problems.of(status, Problems.codeFor(status), detail));
    }
}
