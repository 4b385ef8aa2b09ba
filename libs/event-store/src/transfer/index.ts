export { LOG_FILE_FORMAT, LOG_FILE_FORMAT_VERSION, LogFileError, type LogFileEvent, type LogFileHeader, type LogFileManifest, type LogSelection } from './log-file.format';
export { writeLogFile, type WriteLogFileOptions, type WrittenLogFile } from './log-file.writer';
export { LogFileReader, type LogFileReaderOptions, type ValidLogFile } from './log-file.reader';
