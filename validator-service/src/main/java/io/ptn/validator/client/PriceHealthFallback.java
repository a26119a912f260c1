package io.ptn.validator.client;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** An unreachable, slow or failing price service shows as DOWN with the kind of failure, not as a broken page. */
@Dependent
public class PriceHealthFallback implements FallbackHandler<PriceServiceHealth.View> {

    @Override
    public PriceServiceHealth.View handle(ExecutionContext context) {
        return PriceServiceHealth.View.unreachable("no health answer (" + why(context.getFailure()) + ")");
    }

    /** The innermost cause says it best (connection refused, timeout), without the wrappers' class names. */
    static String why(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        if (failure instanceof TimeoutException) {
            return "timed out";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
