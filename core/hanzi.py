"""Traditional Chinese characters to simplified, for comparing industry names.

Names from Hong Kong, Macao and Taiwan sources, or typed with a traditional input method,
spell the same industry with other characters (``電子元器件`` = ``电子元器件``). Matching maps
them to simplified characters first.

No dependency: a character table of the common traditional forms (mostly those met in
industry, product and place names), one-to-one. Characters whose traditional form is also a
simplified character in its own right (乾, 著, 覆, 瞭, 藉 ...) are left alone, so a simplified
name never changes. Debian packages no pure-Python converter (there is no ``python3-opencc``;
``opencc`` is a C++ tool), hence the table.

:func:`to_simplified` changes characters only. :func:`regional_terms` also rewrites a few
words that Taiwan and Hong Kong write differently (``積體電路`` = ``集成电路``, ``軟體`` =
``软件``); the taxonomy and the name rule use it, :func:`.industry.industry_key` does not (a key
stays a spelling of the name given).
"""

# Pairs of characters, traditional then simplified, run together.
_PAIRS = (
    "來来係系倉仓個个們们偽伪傘伞備备傢家傳传債债傷伤傾倾僅仅僕仆價价儀仪億亿償偿優优儲储兒儿內内兩两冊册凍冻凱凯剝剥創创剷铲"
    "劃划劇剧劍剑劑剂勁劲動动務务勝胜勞劳勢势勳勋勵励勸劝匯汇區区協协卻却厲厉參参叢丛吳吴員员問问啟启喚唤單单嘆叹嘗尝嘯啸噁恶"
    "噴喷噸吨嚮向嚴严囪囱國国圍围園园圓圆圖图團团報报場场塊块塗涂塵尘墊垫墜坠墳坟壇坛壓压壞坏壩坝壯壮壺壶壽寿夠够夢梦奧奥奪夺"
    "奮奋妝妆婦妇媽妈嬌娇嬰婴孫孙學学寢寝實实寧宁審审寫写寬宽寵宠寶宝將将專专尋寻對对導导屆届屜屉層层屬属岡冈島岛崗岗嶄崭嶺岭"
    "嶼屿巒峦巖岩帥帅師师帳帐帶带幟帜幣币幫帮幹干庫库廂厢廈厦廚厨廟庙廠厂廢废廣广廬庐廳厅彈弹彌弥彎弯彙汇後后徑径從从復复徵征"
    "徹彻恆恒恥耻悅悦惡恶惱恼愛爱態态慘惨慣惯慮虑慶庆憂忧憐怜憑凭憤愤憶忆應应懞蒙懲惩懶懒懷怀懸悬戀恋戰战戲戏戶户拋抛挾挟捨舍"
    "捫扪捲卷掃扫掄抡掛挂採采揀拣揚扬換换揮挥損损搖摇搗捣搶抢摯挚撈捞撐撑撥拨撫抚撲扑撿捡擁拥擇择擊击擋挡擔担據据擠挤擬拟擰拧"
    "擱搁擲掷擴扩擷撷擺摆擾扰攏拢攔拦攜携攝摄攤摊攪搅攬揽敗败敵敌數数斂敛斃毙斷断於于時时暈晕暉晖暢畅暫暂曄晔曆历曉晓曬晒書书"
    "會会朧胧東东條条棄弃棟栋棧栈楊杨楓枫業业極极榮荣構构槍枪槓杠槳桨樁桩樂乐樓楼標标樣样樸朴樹树樺桦橋桥機机橢椭檔档檢检檯台"
    "檸柠櫃柜櫚榈櫥橱櫻樱欄栏權权歐欧歡欢歲岁歷历歸归殘残殲歼殺杀殼壳毀毁氈毡氣气氫氢汙污決决沒没沖冲況况洩泄淚泪淨净淺浅減减"
    "渦涡測测湧涌湯汤準准溝沟溫温溼湿滅灭滌涤滬沪滯滞滲渗滷卤滾滚滿满漁渔漢汉漲涨漿浆潑泼潔洁潛潜潤润澀涩澆浇澤泽澱淀濁浊濃浓"
    "濕湿濛蒙濟济濤涛濫滥濰潍濱滨濾滤瀉泻瀋沈瀏浏瀝沥瀾澜灑洒灘滩灣湾災灾為为烏乌無无煉炼煙烟煥焕煩烦熱热燄焰燈灯燒烧營营燦灿"
    "燭烛爍烁爐炉爭争爺爷爾尔牆墙犢犊犧牺狀状猶犹獄狱獅狮獎奖獨独獲获獸兽現现瑋玮瑣琐瑩莹瑪玛璣玑環环璽玺瓊琼瓏珑甌瓯甕瓮產产"
    "甦苏畝亩畢毕畫画異异當当疇畴疊叠瘋疯瘡疮療疗癒愈癢痒癥症發发皺皱盜盗盞盏盡尽監监盤盘盧卢眾众睏困睜睁瞞瞒矇蒙矚瞩矯矫矽硅"
    "碩硕確确碼码磚砖磧碛磯矶礎础礙碍礦矿礪砺礬矾祕秘祿禄禍祸禎祯禦御禪禅禮礼禱祷稅税稈秆稜棱種种稱称穀谷穌稣積积穩稳窩窝窪洼"
    "窮穷窯窑竄窜竅窍竊窃競竞筆笔筍笋箏筝節节範范築筑篤笃篩筛簍篓簡简簽签簾帘籃篮籌筹籠笼籤签籬篱粧妆粵粤糞粪糧粮糰团糾纠紀纪"
    "約约紅红紉纫紋纹納纳純纯紗纱紙纸級级紛纷紡纺紮扎細细紹绍終终絃弦組组結结絕绝絞绞絡络絨绒統统絲丝綁绑經经綜综綠绿綢绸綫线"
    "維维綱纲網网綴缀綸纶綻绽綿绵緊紧緒绪線线緝缉緞缎締缔緣缘編编緩缓緬缅緯纬練练縛缚縣县縫缝縮缩縱纵縷缕總总績绩繃绷織织繡绣"
    "繩绳繪绘繫系繭茧繳缴繼继繽缤纏缠纓缨纖纤纜缆罈坛罰罚罷罢羅罗羈羁羥羟羨羡義义習习翹翘聖圣聞闻聯联聰聪聲声聳耸職职聽听肅肃"
    "脅胁脈脉脫脱脹胀腎肾腦脑腫肿腳脚腸肠膚肤膠胶膩腻膽胆膿脓臉脸臍脐臘腊臟脏臨临臺台與与興兴舉举舊旧舖铺艙舱艤舣艦舰艱艰艷艳"
    "芻刍茲兹莊庄莖茎華华萊莱萬万葉叶蒼苍蓋盖蓮莲蔔卜蔣蒋蔥葱蔭荫蕩荡蕭萧薊蓟薑姜薦荐薩萨藍蓝藝艺藥药藹蔼蘆芦蘇苏蘊蕴蘋苹蘭兰"
    "蘿萝處处虛虚虜虏號号虧亏蛻蜕蝕蚀蝦虾螞蚂螢萤蟬蝉蟲虫蠅蝇蠍蝎蠟蜡蠣蛎蠶蚕蠻蛮衆众術术衛卫衝冲袞衮裏里補补裝装裡里製制複复"
    "褲裤襖袄襪袜襯衬見见規规覓觅視视親亲覺觉覽览觀观觸触訂订計计訊讯討讨訓训託托記记訛讹訪访設设許许訴诉診诊註注詐诈評评詞词"
    "詠咏詢询試试詩诗詭诡話话該该詳详誇夸誌志認认誕诞誘诱語语誠诚誤误說说課课調调談谈請请諒谅論论諧谐諮咨諸诸諾诺謀谋謂谓謊谎"
    "謙谦講讲謝谢證证譏讥識识譚谭譜谱譯译議议護护譽誉讀读變变讓让豈岂豎竖豐丰豔艳豬猪貓猫貝贝貞贞負负財财貢贡貧贫貨货販贩貪贪"
    "貫贯責责貯贮貳贰貴贵貶贬買买貸贷費费貼贴貿贸賀贺賄贿資资賊贼賓宾賜赐賞赏賠赔賢贤賣卖賤贱賦赋質质賬账賭赌賴赖賺赚購购賽赛"
    "贈赠贊赞贏赢贓赃贖赎贛赣趕赶趙赵趨趋跡迹踐践踴踊蹤踪躉趸躍跃軀躯車车軌轨軍军軒轩軟软軸轴較较載载輓挽輔辅輕轻輛辆輝辉輩辈"
    "輪轮輯辑輸输輻辐轄辖轉转轍辙轎轿轟轰辦办辭辞辯辩農农迴回逕迳這这連连週周進进遊游運运過过達达違违遙遥遜逊遞递遠远適适遲迟"
    "遷迁選选遺遗遼辽邁迈還还邊边邏逻郵邮鄉乡鄒邹鄭郑鄰邻酈郦醃腌醜丑醞酝醫医醬酱釀酿釁衅釋释釘钉針针釣钓釦扣釩钒鈉钠鈍钝鈑钣"
    "鈔钞鈕钮鈞钧鈣钙鈦钛鈴铃鈷钴鈾铀鉀钾鉑铂鉗钳鉚铆鉛铅鉤钩鉬钼鉸铰鉻铬銀银銅铜銑铣銘铭銦铟銬铐銲焊銳锐銷销銻锑銼锉鋁铝鋅锌"
    "鋇钡鋒锋鋤锄鋪铺鋯锆鋰锂鋸锯鋼钢錄录錘锤錢钱錦锦錨锚錫锡錯错錳锰錶表鍊炼鍋锅鍍镀鍛锻鍬锹鍵键鍶锶鍺锗鍾钟鎂镁鎊镑鎔熔鎖锁"
    "鎢钨鎧铠鎬镐鎮镇鎳镍鎵镓鏈链鏟铲鏡镜鏽锈鐘钟鐮镰鐲镯鐵铁鑄铸鑑鉴鑒鉴鑛矿鑰钥鑲镶鑼锣鑽钻鑿凿長长門门閃闪閉闭開开閒闲間间"
    "閘闸閣阁閥阀閨闺閩闽閱阅闆板闊阔闖闯關关闡阐闢辟陘陉陝陕陣阵陰阴陳陈陸陆陽阳隄堤隉陧隊队階阶隕陨際际隨随險险隱隐隴陇隸隶"
    "雋隽雖虽雙双雛雏雜杂雞鸡離离難难雲云電电霧雾靈灵靜静鞏巩韋韦韌韧韓韩響响頁页頂顶項项順顺須须頌颂預预頑顽頒颁頓顿頗颇領领"
    "頭头頰颊頸颈頻频顆颗題题額额顏颜願愿顛颠類类顧顾顫颤顯显顱颅風风颱台颳刮颶飓飄飘飆飙飛飞飢饥飯饭飲饮飼饲飽饱飾饰餃饺餅饼"
    "養养餘余餚肴館馆餵喂餿馊饅馒饋馈饑饥饒饶饞馋馬马馮冯駁驳駐驻駕驾駛驶駝驼駿骏騎骑騙骗騰腾騷骚驅驱驕骄驗验驛驿驟骤驢驴骯肮"
    "髒脏體体髮发鬆松鬍胡鬢鬓鬥斗鬧闹鬱郁魘魇魚鱼魯鲁魷鱿鮑鲍鮮鲜鯉鲤鯊鲨鯨鲸鯽鲫鰲鳌鰻鳗鱉鳖鱗鳞鱘鲟鱷鳄鳥鸟鳳凤鴉鸦鴨鸭鴻鸿"
    "鴿鸽鵝鹅鵬鹏鵲鹊鶴鹤鷗鸥鷹鹰鸚鹦鹵卤鹼碱鹽盐麗丽麥麦麩麸麪面麵面麼么黃黄點点黨党黴霉黷黩鼕冬鼴鼹齊齐齒齿齡龄齣出齦龈龍龙"
    "龐庞龕龛龜龟"
)

#: ``str.translate`` table: traditional code point -> simplified character.
TRADITIONAL_TO_SIMPLIFIED = {ord(_PAIRS[i]): _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}

#: Words spelled differently in Taiwan/Hong Kong usage, written here after character
#: conversion (so ``積體電路`` arrives as ``积体电路``). Longest first.
REGIONAL_TERMS = (
    ("积体电路", "集成电路"),
    ("电晶体", "晶体管"),
    ("记忆体", "存储器"),
    ("伺服器", "服务器"),
    ("印表机", "打印机"),
    ("人工智慧", "人工智能"),
    ("零组件", "零部件"),
    ("软体", "软件"),
    ("硬体", "硬件"),
    ("韧体", "固件"),
    ("资讯", "信息"),
    ("网路", "网络"),
    ("雷射", "激光"),
    ("数位", "数字"),
    ("晶片", "芯片"),
    ("萤幕", "屏幕"),
    ("萤光", "荧光"),
    ("生技", "生物技术"),
    ("医材", "医疗器材"),
    ("家俱", "家具"),
)


def to_simplified(text):
    """``text`` with the traditional characters of the table replaced by simplified ones."""
    return text.translate(TRADITIONAL_TO_SIMPLIFIED)


def regional_terms(text):
    """:func:`to_simplified`, then the Taiwan/Hong Kong words of :data:`REGIONAL_TERMS` rewritten."""
    text = to_simplified(text)
    for regional, mainland in REGIONAL_TERMS:
        if regional in text:
            text = text.replace(regional, mainland)
    return text
