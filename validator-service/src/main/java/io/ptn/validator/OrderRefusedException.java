package io.ptn.validator;

/** An order the position rules refuse (where PTN raises), with the reason and the request field it concerns. */
public final class OrderRefusedException extends RuntimeException {

    private final String field;

    public OrderRefusedException(String reason, String field) {
        super(reason, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
