package org.openbili.common.problem;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure of a Spring MVC request into {@code application/problem+json}: bad input is a 4xx that
 * names the field, anything unexpected is a 500 without internals (the trace goes to the log).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return respond(Problems.of(e), headers);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException e) {
        List<ProblemField> fields = e.getConstraintViolations().stream()
                .map(v -> new ProblemField(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(validationProblem(fields), new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
        ProblemDetail malformed = ClientFaults.problem(e);
        if (malformed != null) {
            return respond(malformed, new HttpHeaders());
        }
        log.error("Unhandled failure", e);
        return respond(
                Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "INTERNAL_ERROR",
                        "Something went wrong on our side. It has been logged with this request's id."),
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemField> fields = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.add(new ProblemField(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> fields.add(new ProblemField(error.getObjectName(), error.getDefaultMessage())));
        return asObject(respond(validationProblem(fields), headers));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemField> fields = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fe ? fe.getField() : name;
                fields.add(new ProblemField(field, error.getDefaultMessage()));
            }
        });
        return asObject(respond(validationProblem(fields), headers));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        return asObject(respond(
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "VALIDATION_FAILED",
                        field + " has the wrong type",
                        List.of(new ProblemField(field, "has the wrong type: " + e.getValue()))),
                headers));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(
                respond(validationProblem(List.of(new ProblemField(e.getParameterName(), "is required"))), headers));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            MissingServletRequestPartException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(
                respond(validationProblem(List.of(new ProblemField(e.getRequestPartName(), "is required"))), headers));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemField> fields = new ArrayList<>();
        String detail = "The request body is missing or is not valid JSON.";
        if (e.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            String field = fieldPath(databind);
            fields.add(new ProblemField(field, "has the wrong type or format"));
            detail = field + " has the wrong type or format";
        } else if (e.getCause() instanceof JacksonException) {
            detail = "The request body is not valid JSON.";
        }
        return asObject(respond(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_BODY", detail, fields), headers));
    }

    /** Every other Spring MVC exception already carries a ProblemDetail; give it our code and type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : e.getMessage();
        if (status.value() == 404) {
            detail = "Nothing is here.";
        }
        return asObject(respond(Problems.of(status, Problems.codeFor(status), detail), headers));
    }

    private static ProblemDetail validationProblem(List<ProblemField> fields) {
        String detail = fields.isEmpty()
                ? "The request is not valid."
                : fields.stream()
                        .map(f -> f.field() + " " + f.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow();
        return Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail, fields);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(Problems.MEDIA_TYPE);
        return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }

    private static String fieldPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
