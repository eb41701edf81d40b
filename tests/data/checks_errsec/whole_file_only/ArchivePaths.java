package com.example.imports;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public class ArchivePaths {
    public void unzip(InputStream in, File destDir) throws IOException {
        try (ZipInputStream zis = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zis.getNextEntry()) != null) {
                File target = new File(destDir, entry.getName()); // expect: JAVA-ARCHIVE-TRAVERSAL
                Files.copy(zis, target.toPath());
            }
        }
    }

    public void unzipNamed(InputStream in, Path dest) throws IOException {
        try (ZipInputStream zis = new ZipInputStream(in)) {
            ZipEntry entry = zis.getNextEntry();
            while (entry != null) {
                String name = entry.getName();
                Path target = dest.resolve(name); // expect: JAVA-ARCHIVE-TRAVERSAL
                Files.copy(zis, target);
                entry = zis.getNextEntry();
            }
        }
    }

    public void unzipChecked(InputStream in, Path dest) throws IOException {
        try (ZipInputStream zis = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zis.getNextEntry()) != null) {
                Path target = dest.resolve(entry.getName()).normalize();
                if (!target.startsWith(dest)) {
                    throw new IOException("entry outside the destination: " + entry.getName());
                }
                Files.copy(zis, target);
            }
        }
    }

    public void unzipWithHelper(InputStream in, Path dest) throws IOException {
        try (ZipInputStream zis = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zis.getNextEntry()) != null) {
                Path target = dest.resolve(entry.getName());
                checkDirectoryTraversal(dest, target);
                Files.copy(zis, target);
            }
        }
    }

    public String describe(ZipEntry entry) {
        return "entry " + entry.getName() + " of " + entry.getSize() + " bytes";
    }
}
