// clean: JAVA-XXE
package com.acme.api;

import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class UblImportController {
    private static DocumentBuilderFactory factory() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        return f;
    }

    @PostMapping(value = "/imports/ubl", consumes = "application/xml")
    public int importInvoice(@RequestBody byte[] body) throws Exception {
        Document doc = factory().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(body));
        return doc.getElementsByTagNameNS("*", "InvoiceLine").getLength();
    }
}
