package io.ptn.price.rest;

/** A client error to answer with a problem body. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;

    public ProblemException(int status, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static ProblemException badRequest(String detail, String field) {
        return new ProblemException(400, detail, field);
    }

    public static ProblemException notFound(String detail, String field) {
        return new ProblemException(404, detail, field);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
