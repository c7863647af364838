-- Run once by the MySQL image on an empty data volume (/docker-entrypoint-initdb.d): one database per service,
-- all reachable by the user of MYSQL_USER, whom the image creates with MYSQL_PASSWORD.
CREATE DATABASE IF NOT EXISTS openbili_auth CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS openbili_user CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS openbili_video CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS openbili_interaction CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS openbili_recommend CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS openbili_message CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
GRANT ALL PRIVILEGES ON `openbili\_%`.* TO 'openbili'@'%';
