// clean: JAVA-XXE
package com.acme.feeds.web;

import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.w3c.dom.Document;

@RestController
public class PriceFeedController {
    private final PriceFeedImporter importer;

    public PriceFeedController(PriceFeedImporter importer) {
        this.importer = importer;
    }

    private Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(in);
    }

    @PostMapping("/api/feeds/prices")
    public ResponseEntity<String> upload(@RequestParam("file") MultipartFile file) throws Exception {
        Document doc = parse(file.getInputStream());
        return ResponseEntity.ok("imported " + importer.importPrices(doc));
    }
}
