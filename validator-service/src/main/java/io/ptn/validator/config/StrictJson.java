package io.ptn.validator.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The service's one change to Quarkus's ObjectMapper, for everything it reads (orders, the price service's answers):
 * <ul>
 * <li>no scalar coercion: a number sent as a string ({@code "leverage":"0.1"}), a string field sent as a number or
 * boolean, an enum sent as its index ({@code "orderType":1}) fail with the field in the path;</li>
 * <li>a type that declares {@code @JsonIgnoreProperties(ignoreUnknown = false)} refuses unknown properties. Quarkus
 * ignores them by default and Jackson has no per-type switch to refuse them, so this handler makes the explicit
 * declaration binding; every other type (the price service's answers above all) keeps tolerating new fields;</li>
 * <li>a key twice in one object fails.</li>
 * </ul>
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // a key sent twice is refused by name (a record cannot bind one, and which value would count is a guess)
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.addHandler(new RefuseDeclaredUnknowns());
    }

    private static final class RefuseDeclaredUnknowns extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            JsonIgnoreProperties declared = type.getAnnotation(JsonIgnoreProperties.class);
            if (declared != null && !declared.ignoreUnknown()) {
                throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName,
                        deserializer == null ? null : deserializer.getKnownPropertyNames());
            }
            return false;
        }
    }
}
