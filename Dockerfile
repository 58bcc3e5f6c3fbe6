# Image of the korch command, for docker-compose.yml (needs a registry to pull the base images).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests install

FROM eclipse-temurin:17-jre
WORKDIR /opt/korch
COPY --from=build /src/cli/target/lib/ lib/
COPY --from=build /src/cli/target/korch-cli-*.jar lib/
ENTRYPOINT ["java", "-cp", "/opt/korch/lib/*", "io.korch.cli.Main"]
