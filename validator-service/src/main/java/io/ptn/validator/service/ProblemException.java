package io.ptn.validator.service;

/** A request refused with a status, a reason and (where one applies) the offending field. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;
    private final Integer retryAfterS;

    public ProblemException(int status, String detail, String field) {
        this(status, detail, field, null);
    }

    public ProblemException(int status, String detail, String field, Integer retryAfterS) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.retryAfterS = retryAfterS;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Integer retryAfterS() {
        return retryAfterS;
    }
}
