package io.bannerbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BannerBatchApplication {

	public static void main(String[] args) {
	}

}
