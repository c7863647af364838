package org.openbili.common.problem;

/** One rejected field of a request: its name as the client sent it, and what is wrong with it. */
public record ProblemField(String field, String message) {}
