package com.example.catalog.codec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;

public final class CatalogCodecs {

    static ObjectMapper anything() {
        ObjectMapper om = new ObjectMapper();
        om.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL); // expect: JAVA-UNSAFE-DESERIALIZATION
        return om;
    }

    static ObjectMapper everyObject() {
        PolymorphicTypeValidator open = BasicPolymorphicTypeValidator.builder()
            .allowIfBaseType(Object.class)
            .build();
        return JsonMapper.builder()
            .activateDefaultTyping(open, ObjectMapper.DefaultTyping.EVERYTHING) // expect: JAVA-UNSAFE-DESERIALIZATION
            .build();
    }

    static ObjectMapper legacy() {
        ObjectMapper om = new ObjectMapper();
        om.enableDefaultTyping(); // expect: JAVA-UNSAFE-DESERIALIZATION
        return om;
    }

    static ObjectMapper catalogOnly() {
        PolymorphicTypeValidator onlyCatalog = BasicPolymorphicTypeValidator.builder()
            .allowIfSubType("com.example.catalog.model.")
            .allowIfSubType(java.time.Instant.class)
            .build();
        ObjectMapper om = new ObjectMapper();
        om.activateDefaultTyping(onlyCatalog, ObjectMapper.DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY);
        return om;
    }

    static ObjectMapper inPlace() {
        return JsonMapper.builder()
            .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(CatalogEvent.class).build(),
                ObjectMapper.DefaultTyping.JAVA_LANG_OBJECT)
            .build();
    }

    static ObjectMapper sessions(ClassLoader loader) {
        ObjectMapper om = new ObjectMapper();
        om.registerModules(SecurityJackson2Modules.getModules(loader));
        SecurityJackson2Modules.enableDefaultTyping(om);
        return om;
    }
}
