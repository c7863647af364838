package org.openbili.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags for the JSON reads of the API: a repeated GET with {@code If-None-Match} gets a 304 and no body.
 * Streams (server-sent events) and media (which has its own validators) are left alone.
 */
public class ApiEtagFilter extends ShallowEtagHeaderFilter {

    /**
     * Spring Security marks a response {@code no-store} unless it already has a Cache-Control, and no-store rules
     * out an ETag; API reads say {@code no-cache} instead: keep it, but revalidate with the ETag every time.
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        super.doFilterInternal(request, response, chain);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return true;
        }
        String path = request.getRequestURI();
        if (!path.startsWith("/api/")) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
    }
}
