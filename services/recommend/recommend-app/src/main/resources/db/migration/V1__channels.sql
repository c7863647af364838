-- Channels (频道): topic pages built from tags, which users can subscribe to.
CREATE TABLE channel (
    name        VARCHAR(40)  NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    position    INT          NOT NULL,
    subscribers BIGINT       NOT NULL DEFAULT 0
);

INSERT INTO channel (name, description, position) VALUES
('原神', '提瓦特大陆的冒险、攻略与同人创作', 1),
('美食', '家常菜、探店与世界各地的味道', 2),
('动画', '新番、老番与动画制作', 3),
('游戏实况', '实况、攻略与速通', 4),
('科技数码', '手机、电脑与新奇的数码产品', 5),
('知识科普', '用几分钟弄懂一个问题', 6),
('音乐现场', '演唱会、Live 与翻唱', 7),
('影视剪辑', '电影、剧集的混剪与解说', 8),
('萌宠', '猫猫狗狗和更多毛茸茸', 9),
('鬼畜', '洗脑循环与素材再创作', 10),
('编程', '从入门到造轮子', 11),
('旅行', '风景、路线与旅途故事', 12);
