// clean: JAVA-UNSAFE-DESERIALIZATION
package com.acme.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

public final class EventMapper {
    private static final PolymorphicTypeValidator PTV = BasicPolymorphicTypeValidator.builder()
            .allowIfSubType("com.acme.events.model.")
            .build();

    private final ObjectMapper mapper = new ObjectMapper().activateDefaultTyping(PTV, ObjectMapper.DefaultTyping.NON_FINAL);

    public Object read(byte[] payload) throws Exception {
        return mapper.readValue(payload, Object.class);
    }
}
