-- A job keeps its answer in every format its operation's endpoint offers for the request (docs/jobs.md),
-- with the endpoint's query parameters it was submitted with; and each shard's answer is kept in chunks,
-- written as the endpoint streams it, so no answer has to fit max_allowed_packet or the heap whole.
ALTER TABLE job ADD COLUMN formats VARCHAR(200) NULL;
ALTER TABLE job ADD COLUMN parameters VARCHAR(4000) NULL;
-- the attempt whose chunks are the shard's answer, set in the transaction that marks the shard done
ALTER TABLE job_shard ADD COLUMN answer_attempt INT NULL;

-- One chunk of one shard's answer in one format, from one attempt (a shard run again writes its own;
-- the chunks of the attempt that marked it done are its answer, the others are deleted then).
CREATE TABLE job_answer_chunk (
    job_id     VARCHAR(40) NOT NULL,
    shard      INT         NOT NULL,
    media_type VARCHAR(60) NOT NULL,
    attempt    INT         NOT NULL,
    seq        INT         NOT NULL,
    bytes      LONGBLOB    NOT NULL,
    PRIMARY KEY (job_id, shard, media_type, attempt, seq),
    CONSTRAINT job_answer_chunk_of_job FOREIGN KEY (job_id) REFERENCES job (id) ON DELETE CASCADE
);

-- answers kept before: one row each, in the job's one media type, become one chunk of their last attempt
UPDATE job SET formats = media_type;
INSERT INTO job_answer_chunk (job_id, shard, media_type, attempt, seq, bytes)
    SELECT s.job_id, s.shard, j.media_type, s.attempts, 0, s.answer
    FROM job_shard s JOIN job j ON j.id = s.job_id WHERE s.state = 'done' AND s.answer IS NOT NULL;
UPDATE job_shard SET answer_attempt = attempts, answer = NULL WHERE state = 'done' AND answer IS NOT NULL;
