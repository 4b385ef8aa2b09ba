export { answers, runKafkaScript, testKafkaBrokers, KAFKA_SCRIPT } from './kafka-broker';
export { readWholeTopic, topicRecordCount, type ReadRecord } from './topic-reader';
