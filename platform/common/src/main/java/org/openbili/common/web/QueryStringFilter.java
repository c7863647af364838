package org.openbili.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.openbili.common.problem.ProblemField;
import org.openbili.common.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string that is not valid percent-encoded UTF-8 ({@code ?q=%ff}) is a 400 problem before anything reads
 * a parameter: Tomcat would otherwise throw from whichever filter or controller asks first, and some of those
 * turn it into a 500.
 */
class QueryStringFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !isValid(query)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(Problems.MEDIA_TYPE.toString());
            response.getOutputStream()
                    .write(Problems.toJson(Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "MALFORMED_QUERY",
                            "The query string is not valid percent-encoded UTF-8.",
                            List.of(new ProblemField("query", "须为 UTF-8 的百分号编码")))));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Every {@code %} starts two hex digits, and the bytes they make are UTF-8. */
    static boolean isValid(String query) {
        if (query.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= query.length()
                    || !HexFormat.isHexDigit(query.charAt(i + 1))
                    || !HexFormat.isHexDigit(query.charAt(i + 2))) {
                return false;
            }
            bytes.write(HexFormat.fromHexDigits(query, i + 1, i + 3));
            i += 2;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
