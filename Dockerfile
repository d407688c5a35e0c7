# tlswatch image: builds the executable jar with Maven, runs it on a JRE.
#   docker build -t tlswatch .
#   docker run --rm -e TLSWATCH_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 tlswatch run
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas schemas
COPY ingest ingest
COPY processors processors
COPY app app
COPY benchmarks benchmarks
RUN mvn -B -ntp -q -DskipTests package -pl app -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tlswatch && mkdir -p /var/lib/tlswatch && chown tlswatch /var/lib/tlswatch
COPY --from=build /src/app/target/tlswatch.jar /opt/tlswatch/tlswatch.jar
USER tlswatch
ENV TLSWATCH_KAFKA_STATE_DIR=/var/lib/tlswatch
VOLUME /var/lib/tlswatch
# JVM flags, as the launcher reads them: replace them whole to choose another collector (docs/operations.md, Sizing);
# the parallel collector gives more throughput than G1 on a few cores for pauses of ~0.1 s
ENV TLSWATCH_JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC"
ENTRYPOINT ["sh", "-c", "exec java $TLSWATCH_JAVA_OPTS -jar /opt/tlswatch/tlswatch.jar \"$@\"", "tlswatch"]
CMD ["run"]
