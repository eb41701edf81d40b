package com.example.rates.client;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

public class RatesClient {
    private final OkHttpClient http;

    public RatesClient(OkHttpClient http) {
        this.http = http;
    }

    public String latest(Request request) throws IOException {
        Response response = http.newCall(request).execute(); // expect: JAVA-RESOURCE-LEAK
        if (!response.isSuccessful()) {
            throw new IOException("rates service answered " + response.code());
        }
        return response.body().string();
    }

    public Rates parsed(Request request) throws IOException {
        Response response = http.newCall(request).execute(); // expect: JAVA-RESOURCE-LEAK
        if (response.code() == 204) {
            return Rates.EMPTY;
        }
        try (ResponseBody body = response.body()) {
            return Rates.parse(body.charStream());
        }
    }

    public String closedOnError(Request request) throws IOException {
        Response response = http.newCall(request).execute();
        if (!response.isSuccessful()) {
            response.close();
            throw new IOException("rates service answered " + response.code());
        }
        return response.body().string();
    }

    public String bodyReadOnError(Request request) throws IOException {
        Response response = http.newCall(request).execute();
        if (!response.isSuccessful()) {
            throw new IOException("rates service: " + response.body().string());
        }
        return response.body().string();
    }

    public String withResources(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("rates service answered " + response.code());
            }
            return response.body().string();
        }
    }

    public Response handedOn(Request request) throws IOException {
        Response response = http.newCall(request).execute();
        return response;
    }

    public String inFinally(Request request) throws IOException {
        Response response = http.newCall(request).execute();
        try {
            if (!response.isSuccessful()) {
                return null;
            }
            return response.body().string();
        } finally {
            response.close();
        }
    }

    public Rates handled(Request request) throws IOException {
        Response response = http.newCall(request).execute();
        return Rates.parse(response.code(),
            response.body().string());
    }
}
