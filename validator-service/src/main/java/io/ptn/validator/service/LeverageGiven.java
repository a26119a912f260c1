package io.ptn.validator.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.ptn.validator.OrderType;

/** Every order but a FLAT states its leverage; the violation names the {@code leverage} field. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LeverageGiven.Check.class)
public @interface LeverageGiven {

    String message() default "leverage is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<LeverageGiven, OrderRequest> {

        @Override
        public boolean isValid(OrderRequest order, ConstraintValidatorContext context) {
            if (order == null || order.leverage() != null || order.orderType() == null
                    || order.orderType() == OrderType.FLAT) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("leverage").addConstraintViolation();
            return false;
        }
    }
}
