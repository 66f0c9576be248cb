<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CentralFeatureAlgorithm</name>
    <message>
        <source>Central feature</source>
        <translation>中心要素</translation>
    </message>
    <message>
        <source>Spatial distribution</source>
        <translation>空间分布</translation>
    </message>
    <message>
        <source>Case field (one central feature per value)</source>
        <translation>分组字段（每个取值一个中心要素）</translation>
    </message>
    <message>
        <source>Central features</source>
        <translation>中心要素</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;, case {}: {}.</source>
        <translation>图层“{}”，分组 {}：{}。</translation>
    </message>
    <message>
        <source>{} central features could not be found again in the layer.</source>
        <translation>有 {} 个中心要素未能在图层中重新找到。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Finds per case the input feature whose weighted sum of distances to the other features, &amp;sum; w_i |p_i - p_j|, is least (ArcGIS Central Feature: the distances are weighted by the other features&apos; weights) and writes that feature with all its fields.&lt;/p&gt;&lt;p&gt;Exact: all n&amp;sup2; distances of a case are computed, in blocks of bounded memory. Cases of more than 100000 points are refused (the work grows as n&amp;sup2;); the median centre is the scalable alternative (a location, not a feature). Ties go to the first feature in the layer&apos;s order.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input layer&lt;/b&gt;, &lt;b&gt;Weight field&lt;/b&gt;, &lt;b&gt;Case field&lt;/b&gt; and &lt;b&gt;CRS for the statistics&lt;/b&gt;: as the ellipse tool. Features of weight 0 can be the central feature.&lt;/p&gt;&lt;p&gt;A case whose weights are all 0 has no central feature and no row.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在每个分组中找出到其他要素的加权距离之和 &amp;sum; w_i |p_i - p_j| 最小的输入要素（与 ArcGIS“中心要素”相同：距离按其他要素的权重加权），并输出该要素及其全部字段。&lt;/p&gt;&lt;p&gt;精确计算：逐块计算一个分组的全部 n&amp;sup2; 个距离，内存有上限。超过 100000 个点的分组会被拒绝（计算量随 n&amp;sup2; 增长）；可扩展的替代方法是中位数中心（它是一个位置，而不是要素）。并列时取图层顺序中的第一个要素。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入图层&lt;/b&gt;、&lt;b&gt;权重字段&lt;/b&gt;、&lt;b&gt;分组字段&lt;/b&gt;和&lt;b&gt;统计所用坐标系&lt;/b&gt;：与标准差椭圆工具相同。权重为 0 的要素也可以成为中心要素。&lt;/p&gt;&lt;p&gt;权重全为 0 的分组没有中心要素，也不输出行。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>CityColocationAlgorithm</name>
    <message>
        <source>Cities with clusters</source>
        <translation>有集群的城市数</translation>
    </message>
    <message>
        <source>Cities with belts</source>
        <translation>有产业带的城市数</translation>
    </message>
    <message>
        <source>Cities with both</source>
        <translation>两者兼有的城市数</translation>
    </message>
    <message>
        <source>Share of cluster cities with belts (%)</source>
        <translation>集群城市中有产业带的比例（%）</translation>
    </message>
    <message>
        <source>Share of belt cities with clusters (%)</source>
        <translation>产业带城市中有集群的比例（%）</translation>
    </message>
    <message>
        <source>Cities holding every cluster type</source>
        <translation>拥有全部集群类型的城市数</translation>
    </message>
    <message>
        <source>Cities holding exactly two cluster types</source>
        <translation>恰有两种集群类型的城市数</translation>
    </message>
    <message>
        <source>City co-location of clusters and belts</source>
        <translation>集群与产业带同城分布</translation>
    </message>
    <message>
        <source>Cluster-belt matching</source>
        <translation>集群—产业带匹配</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Cluster city field</source>
        <translation>集群城市字段</translation>
    </message>
    <message>
        <source>Cluster type field</source>
        <translation>集群类型字段</translation>
    </message>
    <message>
        <source>Cluster weight field (e.g. city_share)</source>
        <translation>集群权重字段（如 city_share）</translation>
    </message>
    <message>
        <source>Online belts</source>
        <translation>线上产业带</translation>
    </message>
    <message>
        <source>Belt city field</source>
        <translation>产业带城市字段</translation>
    </message>
    <message>
        <source>Belt year field</source>
        <translation>产业带年份字段</translation>
    </message>
    <message>
        <source>Year that counts as now (0: the latest belt year)</source>
        <translation>作为当前的年份（0：产业带最新年份）</translation>
    </message>
    <message>
        <source>Count cluster cities whose belts are from earlier years only</source>
        <translation>计入产业带仅见于较早年份的集群城市</translation>
    </message>
    <message>
        <source>Cities</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>A year or &apos;include earlier years&apos; needs the belt year field: choose it.</source>
        <translation>指定年份或“计入较早年份”需要产业带年份字段：请选择该字段。</translation>
    </message>
    <message>
        <source>Belts</source>
        <translation>产业带</translation>
    </message>
    <message>
        <source>{} cities with clusters, {} with belts, {} with both: {:.1f} % of cluster cities, {:.1f} % of belt cities.</source>
        <translation>有集群的城市 {} 个，有产业带的城市 {} 个，两者兼有的 {} 个：占集群城市的 {:.1f} %，占产业带城市的 {:.1f} %。</translation>
    </message>
    <message>
        <source>Left out: {}.</source>
        <translation>未计入：{}。</translation>
    </message>
    <message>
        <source>Cluster type &apos;{}&apos; is written as n_{} and w_{}: its own name would repeat another column.</source>
        <translation>集群类型“{}”写作 n_{} 和 w_{}：按其原名会与另一列重名。</translation>
    </message>
    <message>
        <source>{} cluster records have no city and were not counted in any city.</source>
        <translation>{} 条集群记录没有城市，未计入任何城市。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Counts, city by city, the cluster records by type (as records and 1/N-weighted) and the online belts, and gives the headline figures of section 4 of the method: cities with clusters, with belts, with both, and the two shares (the paper: 63 of 79 cluster cities = 79.7 %, 63 of 158 belt cities = 39.9 %).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cluster weight field&lt;/b&gt; (optional): e.g. &lt;code&gt;city_share&lt;/code&gt; from &lt;i&gt;Split multi-city records&lt;/i&gt;, so a cluster spanning N cities weighs 1/N in each. &lt;b&gt;Year&lt;/b&gt;: the year that counts as now (0: the latest belt year). &lt;b&gt;Include earlier years&lt;/b&gt;: a cluster city whose belts are all from earlier years counts as having belts, and is added to the belt cities (the paper: 72 of 79 = 91.1 %, 72 of 158 + 9 = 167 = 43.1 %). Belts after the year, and rows without a city, are left out and counted in the log.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: one row per city (its fields are listed below). Numeric outputs: CITIES_WITH_CLUSTERS, CITIES_WITH_BELTS, CITIES_WITH_BOTH, SHARE_OF_CLUSTER_CITIES, SHARE_OF_BELT_CITIES (percent), CITIES_WITH_ALL_TYPES, CITIES_WITH_TWO_TYPES.&lt;/p&gt;</source>
        <translation>&lt;p&gt;逐个城市统计各类型的集群记录数（按记录计数，以及按 1/N 加权）和线上产业带数，并给出方法第 4 节的主要指标：有集群的城市数、有产业带的城市数、两者兼有的城市数，以及两个比例（论文：79 个集群城市中有 63 个 = 79.7 %，158 个产业带城市中有 63 个 = 39.9 %）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;集群权重字段&lt;/b&gt;（可选）：如&lt;i&gt;拆分多城市记录&lt;/i&gt;输出的 &lt;code&gt;city_share&lt;/code&gt;，使跨 N 个城市的集群在每个城市的权重为 1/N。&lt;b&gt;年份&lt;/b&gt;：作为当前的年份（0：产业带最新年份）。&lt;b&gt;计入较早年份&lt;/b&gt;：产业带全部来自较早年份的集群城市也算作有产业带，并计入产业带城市（论文：79 个中的 72 个 = 91.1 %，158 + 9 = 167 个中的 72 个 = 43.1 %）。该年份以后的产业带以及没有城市的记录不计入，并在日志中列出数量。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;：每个城市一行（字段见下文）。数值输出：CITIES_WITH_CLUSTERS、CITIES_WITH_BELTS、CITIES_WITH_BOTH、SHARE_OF_CLUSTER_CITIES、SHARE_OF_BELT_CITIES（百分比）、CITIES_WITH_ALL_TYPES、CITIES_WITH_TWO_TYPES。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>CityKeys</name>
    <message>
        <source>{}: {} rows were resolved to their city through a place below it (county, district).</source>
        <translation>{}：{} 行通过城市下属的地点（县、区）定位到其城市。</translation>
    </message>
    <message>
        <source>{}: {} rows have no city: they cannot meet any belt or cluster.</source>
        <translation>{}：{} 行没有城市，无法与任何产业带或集群对应。</translation>
    </message>
    <message>
        <source> and {} more</source>
        <translation> 等，另有 {} 个</translation>
    </message>
    <message>
        <source>{}: {} rows name a city the gazetteer does not know or cannot decide ({}); they are compared by their normalised name.</source>
        <translation>{}：{} 行的城市在地名库中找不到或无法确定（{}）；这些行按规范化后的名称比较。</translation>
    </message>
</context>
<context>
    <name>ClusterBeltAlgorithm</name>
    <message>
        <source>None: the relation table and equal names only</source>
        <translation>不自动判定：仅用关系表和同名判定</translation>
    </message>
    <message>
        <source>Taxonomy (GB/T 4754-2017 codes)</source>
        <translation>行业分类（GB/T 4754-2017 代码）</translation>
    </message>
    <message>
        <source>Taxonomy and name similarity</source>
        <translation>行业分类与名称相似度</translation>
    </message>
    <message>
        <source>Relation table (default: the paper&apos;s judgements)</source>
        <translation>关系表（默认：论文的判定结果）</translation>
    </message>
    <message>
        <source>Automatic relations</source>
        <translation>自动判定关系</translation>
    </message>
    <message>
        <source>{output} ({parameter}): {fields}.</source>
        <translation>{output}（{parameter}）：{fields}。</translation>
    </message>
    <message>
        <source>{output} ({parameter}): the case field, then {fields}.</source>
        <translation>{output}（{parameter}）：分组字段，然后是 {fields}。</translation>
    </message>
    <message>
        <source>{output} ({parameter}): every input field, then {fields}.</source>
        <translation>{output}（{parameter}）：所有输入字段，然后是 {fields}。</translation>
    </message>
    <message>
        <source>{output} ({parameter}): every input field of both clusters, prefixed a_ and b_, then {fields}.</source>
        <translation>{output}（{parameter}）：两个集群的所有输入字段（前缀 a_ 和 b_），然后是 {fields}。</translation>
    </message>
    <message>
        <source>Output fields</source>
        <translation>输出字段</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: its field &apos;{}&apos; has the name of an output field; rename it or choose another case field.</source>
        <translation>图层“{}”：其字段“{}”与一个输出字段同名；请重命名该字段或选择其他分组字段。</translation>
    </message>
    <message>
        <source>{output}: could not write the file &apos;{path}&apos;: {reason}.</source>
        <translation>{output}：无法写入文件“{path}”：{reason}。</translation>
    </message>
</context>
<context>
    <name>ClusterBeltModel</name>
    <message>
        <source>Workflows</source>
        <translation>工作流程</translation>
    </message>
    <message>
        <source>Paper workflow: clusters, ellipses and online belts</source>
        <translation>论文完整流程：集群、标准差椭圆与线上产业带</translation>
    </message>
    <message>
        <source>&lt;p&gt;The whole workflow of Zhao, Dai, Fan and Ma (2022) on a clusters table and a belts table, in one run: split multi-city clusters (each city part weighs 1/N), locate their cities with the bundled gazetteer, draw one standard deviational ellipse per cluster type (ArcGIS convention), match every cluster with the online belts of its own city (Table 1 and a report) and count the clusters and belts city by city.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Inputs&lt;/b&gt;: the clusters (one row per cluster; its cities, type and industry fields) and the online belts (city, industry and year fields), and the belt years that count (e.g. 2021). The sample data (&lt;i&gt;Load sample data&lt;/i&gt;) has the fields the model expects by default. The optional &lt;b&gt;cluster period field&lt;/b&gt; (e.g. the year each cluster was designated) adds the time view: the ellipses of each cluster type period by period, cumulative (a period holds every cluster up to it; same weights and CRS as the ellipses), the trajectory of their centre and the shifts between periods (&lt;i&gt;Distribution over time&lt;/i&gt;). Without it these steps are skipped and write nothing.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs&lt;/b&gt;: the located cluster cities, the ellipses, the clusters with their match class, Table 1 (match rates by cluster type), the match report (HTML) and the co-location by city; with a period field also the ellipses by period, the trajectory and the shifts.&lt;/p&gt;&lt;p&gt;Open it in the graphical modeler to see or change the steps.&lt;/p&gt;</source>
        <translation>&lt;p&gt;对一张集群表和一张产业带表一次运行 Zhao、Dai、Fan、Ma（2022）的完整流程：拆分多城市集群（每个城市部分的权重为 1/N），用内置地名库定位其城市，为每种集群类型绘制一个标准差椭圆（ArcGIS 约定），将每个集群与其所在城市的线上产业带匹配（表 1 和报告），并逐个城市统计集群和产业带。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入&lt;/b&gt;：集群（每个集群一行；其城市、类型和产业字段）和线上产业带（城市、产业和年份字段），以及计入的产业带年份（如 2021）。示例数据（&lt;i&gt;加载示例数据&lt;/i&gt;）具有模型默认要求的字段。可选的&lt;b&gt;集群时期字段&lt;/b&gt;（如各集群的认定年份）增加时间视图：各集群类型逐时期的标准差椭圆，按累计方式（一个时期包含截至该时期的全部集群；权重和坐标系与上述椭圆相同）、其中心的轨迹以及相邻时期间的迁移（&lt;i&gt;分布的时间演变&lt;/i&gt;）。不给出时跳过这些步骤，不写出任何结果。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;：已定位的集群城市、椭圆、带匹配类别的集群、表 1（按集群类型的匹配率）、匹配报告（HTML）以及按城市的同城分布；给出时期字段时还有逐时期椭圆、轨迹和迁移。&lt;/p&gt;&lt;p&gt;在图形建模器中打开可查看或修改各个步骤。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ClusterBeltPlugin</name>
    <message>
        <source>Load sample data</source>
        <translation>加载示例数据</translation>
    </message>
</context>
<context>
    <name>ClusterBeltProvider</name>
    <message>
        <source>ClusterBelt</source>
        <translation>ClusterBelt</translation>
    </message>
    <message>
        <source>Could not load the model {}</source>
        <translation>无法加载模型 {}</translation>
    </message>
</context>
<context>
    <name>ClusterBeltReport</name>
    <message>
        <source>matched</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>similar</source>
        <translation>相近</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无关联</translation>
    </message>
    <message>
        <source>no belt in city</source>
        <translation>所在城市无产业带</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>(no type)</source>
        <translation>（无类型）</translation>
    </message>
    <message>
        <source>cluster type</source>
        <translation>集群类型</translation>
    </message>
    <message>
        <source>clusters</source>
        <translation>集群数</translation>
    </message>
    <message>
        <source>matched %</source>
        <translation>匹配率 %</translation>
    </message>
    <message>
        <source>similar %</source>
        <translation>相近率 %</translation>
    </message>
    <message>
        <source>matched or similar %</source>
        <translation>匹配或相近率 %</translation>
    </message>
    <message>
        <source>Table 1. Clusters matched to online industrial belts of their city</source>
        <translation>表 1　集群与所在城市线上产业带的匹配情况</translation>
    </message>
    <message>
        <source>Clusters and online industrial belts</source>
        <translation>集群与线上产业带</translation>
    </message>
    <message>
        <source>Belts: {input} records, {used} used (years: {years}); left out: {other_year} of other years, {no_year} without a year, {no_city} without a city; {no_industry} used belts have no industry. Relations: {relator}. A cluster is matched when a belt of its city is identical or subordinate, similar when one is similar.</source>
        <translation>产业带：共 {input} 条记录，使用 {used} 条（年份：{years}）；未使用：其他年份 {other_year} 条，无年份 {no_year} 条，无城市 {no_city} 条；已使用的产业带中有 {no_industry} 条没有产业。关系：{relator}。所在城市有产业带与集群的产业相同或存在隶属关系时，该集群为“匹配”；否则有产业相近的产业带时为“相近”。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>basis</source>
        <translation>判定依据</translation>
    </message>
    <message>
        <source>{type}: {count} cluster records</source>
        <translation>{type}：{count} 条集群记录</translation>
    </message>
    <message>
        <source>{matched} matched + {similar} similar + {none} none + {no_belt} no belt in city = {total}</source>
        <translation>匹配 {matched} + 相近 {similar} + 无关联 {none} + 所在城市无产业带 {no_belt} = {total}</translation>
    </message>
    <message>
        <source>matched belts</source>
        <translation>匹配的产业带</translation>
    </message>
    <message>
        <source>Matched ({count})</source>
        <translation>匹配（{count}）</translation>
    </message>
    <message>
        <source>similar belts</source>
        <translation>相近的产业带</translation>
    </message>
    <message>
        <source>Similar ({count})</source>
        <translation>相近（{count}）</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>belts in city</source>
        <translation>城市产业带数</translation>
    </message>
    <message>
        <source>No match ({count}: none {none}, no belt in city {no_belt})</source>
        <translation>未匹配（{count}：无关联 {none}，所在城市无产业带 {no_belt}）</translation>
    </message>
    <message>
        <source>Map of clusters and belts</source>
        <translation>集群与产业带地图</translation>
    </message>
    <message>
        <source>Co-location of clusters and belts by city</source>
        <translation>集群与产业带的同城分布</translation>
    </message>
    <message>
        <source>cities with belts (in {year}, plus cluster cities with earlier belts only)</source>
        <translation>有产业带的城市（{year} 年，加上产业带仅见于较早年份的集群城市）</translation>
    </message>
    <message>
        <source>cities with belts (in {year})</source>
        <translation>有产业带的城市（{year} 年）</translation>
    </message>
    <message>
        <source>cities with belts</source>
        <translation>有产业带的城市</translation>
    </message>
    <message>
        <source>... their cluster records</source>
        <translation>……其集群记录数</translation>
    </message>
    <message>
        <source>cities with clusters</source>
        <translation>有集群的城市</translation>
    </message>
    <message>
        <source>cities with both</source>
        <translation>两者兼有的城市</translation>
    </message>
    <message>
        <source>share of cluster cities, %</source>
        <translation>占集群城市的比例，%</translation>
    </message>
    <message>
        <source>share of belt cities, %</source>
        <translation>占产业带城市的比例，%</translation>
    </message>
    <message>
        <source>cluster cities without belts in the year</source>
        <translation>当年无产业带的集群城市</translation>
    </message>
    <message>
        <source>... of which with belts of earlier years</source>
        <translation>……其中有较早年份产业带的</translation>
    </message>
    <message>
        <source>other cities with belts of earlier years only (not counted)</source>
        <translation>产业带仅见于较早年份的其他城市（未计入）</translation>
    </message>
    <message>
        <source>cities holding all {count} cluster types</source>
        <translation>拥有全部 {count} 种集群类型的城市</translation>
    </message>
    <message>
        <source>cities holding exactly 2 types</source>
        <translation>恰有 2 种集群类型的城市</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <source>Cities by number of cluster types</source>
        <translation>按集群类型数统计的城市</translation>
    </message>
    <message>
        <source>Left out: {clusters_no_city} cluster records and {belts_no_city} belt records without a city; {belts_no_year} belts without a year; {belts_later} belts after {year}.</source>
        <translation>未计入：无城市的集群记录 {clusters_no_city} 条、产业带记录 {belts_no_city} 条；无年份的产业带 {belts_no_year} 条；{year} 年以后的产业带 {belts_later} 条。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>加权集群数</translation>
    </message>
    <message>
        <source>types</source>
        <translation>类型数</translation>
    </message>
    <message>
        <source>belts now</source>
        <translation>当年产业带数</translation>
    </message>
    <message>
        <source>belts earlier</source>
        <translation>较早年份产业带数</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者兼有</translation>
    </message>
    <message>
        <source>Cities with clusters ({count})</source>
        <translation>有集群的城市（{count}）</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>The relation table overrode the taxonomy on {count} industry pairs: there the table&apos;s judgement decided, and the pair&apos;s note says what the taxonomy would have said.</source>
        <translation>关系表在 {count} 个产业对上覆盖了行业分类的判断：这些产业对以关系表的判定为准，其备注说明了按行业分类会得出的结论。</translation>
    </message>
</context>
<context>
    <name>CompareEllipsesAlgorithm</name>
    <message>
        <source>Compare ellipses</source>
        <translation>比较椭圆</translation>
    </message>
    <message>
        <source>Spatial distribution</source>
        <translation>空间分布</translation>
    </message>
    <message>
        <source>Ellipses A</source>
        <translation>椭圆 A</translation>
    </message>
    <message>
        <source>Ellipses B</source>
        <translation>椭圆 B</translation>
    </message>
    <message>
        <source>Case field of A (pairs with equal values)</source>
        <translation>A 的分组字段（比较取值相同的椭圆对）</translation>
    </message>
    <message>
        <source>Case field of B</source>
        <translation>B 的分组字段</translation>
    </message>
    <message>
        <source>CRS for the comparison (default: CRS of A or local equal-area)</source>
        <translation>比较所用坐标系（默认：A 的坐标系或局部等积投影）</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比较结果</translation>
    </message>
    <message>
        <source>Choose a case field for both layers, or for neither.</source>
        <translation>请为两个图层都选择分组字段，或都不选。</translation>
    </message>
    <message>
        <source>Case field of A</source>
        <translation>A 的分组字段</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: {} features without geometry were skipped.</source>
        <translation>图层“{}”：跳过了 {} 个没有几何的要素。</translation>
    </message>
    <message>
        <source>{} ellipses of A have no ellipse of B with the same case.</source>
        <translation>A 中有 {} 个椭圆在 B 中没有同一分组的椭圆。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Compares every ellipse of layer A with the ellipse of layer B of the same case, or with every ellipse of B: two cluster types, two periods, or this plugin&apos;s ellipse against an ArcGIS output.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ellipses A&lt;/b&gt;, &lt;b&gt;Ellipses B&lt;/b&gt;: polygon layers of ellipses. Each ellipse is read from its polygon (centre = area centroid, axes and azimuth from the second area moments), so any tool&apos;s output works whatever its field names; polygons drawn at equally spaced angles, as this plugin and ArcGIS draw them, give back their ellipse to rounding.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Case field of A&lt;/b&gt; and &lt;b&gt;Case field of B&lt;/b&gt; (optional, both or neither): pairs with equal values are compared; without them, all pairs.&lt;/p&gt;&lt;p&gt;&lt;b&gt;CRS for the comparison&lt;/b&gt;: default the CRS of A when it is projected, else a local equal-area CRS.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将图层 A 的每个椭圆与图层 B 中同一分组的椭圆比较，或与 B 的每个椭圆比较：两类集群、两个时期，或本插件的椭圆与 ArcGIS 的输出。&lt;/p&gt;&lt;p&gt;&lt;b&gt;椭圆 A&lt;/b&gt;、&lt;b&gt;椭圆 B&lt;/b&gt;：椭圆的面图层。每个椭圆从其多边形读取（中心为面积质心，轴长和方位角来自二阶面积矩），因此无论字段名如何，任何工具的输出都可以使用；像本插件和 ArcGIS 那样按等间隔角度绘制的多边形，可以在舍入误差内还原出原椭圆。&lt;/p&gt;&lt;p&gt;&lt;b&gt;A 的分组字段&lt;/b&gt;和&lt;b&gt;B 的分组字段&lt;/b&gt;（可选，两者都选或都不选）：比较取值相同的椭圆对；不选时比较所有椭圆对。&lt;/p&gt;&lt;p&gt;&lt;b&gt;比较所用坐标系&lt;/b&gt;：默认为 A 的坐标系（若为投影坐标系），否则为局部等积投影。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: feature {} is not a polygon; compare the ellipse layers the ellipse tools write.</source>
        <translation>图层“{}”：要素 {} 不是多边形；请比较椭圆工具输出的椭圆图层。</translation>
    </message>
</context>
<context>
    <name>CrossTypeRelationsAlgorithm</name>
    <message>
        <source>Relations between cluster types in a city</source>
        <translation>同城不同类型集群的产业关系</translation>
    </message>
    <message>
        <source>Cluster-belt matching</source>
        <translation>集群—产业带匹配</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Cluster city field</source>
        <translation>集群城市字段</translation>
    </message>
    <message>
        <source>Cluster type field</source>
        <translation>集群类型字段</translation>
    </message>
    <message>
        <source>Cluster industry field</source>
        <translation>集群产业字段</translation>
    </message>
    <message>
        <source>Related pairs only</source>
        <translation>仅输出有关系的集群对</translation>
    </message>
    <message>
        <source>Cluster pairs</source>
        <translation>集群对</translation>
    </message>
    <message>
        <source>{} pairs: {}.</source>
        <translation>{} 个集群对：{}。</translation>
    </message>
    <message>
        <source>Not paired: {}.</source>
        <translation>未能配对：{}。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Pairs every two clusters of different types in the same city and judges the relation of their industries with the same relation table as &lt;i&gt;Match clusters with online belts&lt;/i&gt; (section 6 of the method: e.g. 上海 浦东新区生物医药 (seic) and 张江生物医药 (amc) are identical).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: one row per pair of clusters (its fields are listed below). &lt;b&gt;Related pairs only&lt;/b&gt; leaves out the pairs with relation none. Rows without a city or a type cannot be paired and are counted in the log.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将同一城市中每两个不同类型的集群两两配对，并用与&lt;i&gt;集群与线上产业带匹配&lt;/i&gt;相同的关系表判定其产业关系（方法第 6 节：例如上海 浦东新区生物医药 (seic) 与张江生物医药 (amc) 为相同产业）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;：每个集群对一行（字段见下文）。&lt;b&gt;仅输出有关系的集群对&lt;/b&gt;时，不输出关系为 none 的集群对。没有城市或类型的记录无法配对，其数量在日志中列出。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>DistributionOverTimeAlgorithm</name>
    <message>
        <source>Distribution over time</source>
        <translation>分布的时间演变</translation>
    </message>
    <message>
        <source>Spatial distribution</source>
        <translation>空间分布</translation>
    </message>
    <message>
        <source>Case field (one series of ellipses per value)</source>
        <translation>分组字段（每个取值一组逐期椭圆）</translation>
    </message>
    <message>
        <source>Time field (period of each feature)</source>
        <translation>时间字段（每个要素的时期）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>ArcGIS (k x sqrt(2) standard deviations)</source>
        <translation>ArcGIS（k × sqrt(2) 倍标准差）</translation>
    </message>
    <message>
        <source>Yuill 1971 (k standard deviations)</source>
        <translation>Yuill 1971（k 倍标准差）</translation>
    </message>
    <message>
        <source>CrimeStat (k x sqrt(2) x sqrt(n/(n-2)))</source>
        <translation>CrimeStat（k × sqrt(2) × sqrt(n/(n-2)) 倍标准差）</translation>
    </message>
    <message>
        <source>Coverage (holds COVERAGE % of a bivariate normal)</source>
        <translation>覆盖率（包含二元正态分布的 COVERAGE %）</translation>
    </message>
    <message>
        <source>Size: number of standard deviations k</source>
        <translation>大小：标准差倍数 k</translation>
    </message>
    <message>
        <source>Coverage (percent, Coverage method only)</source>
        <translation>覆盖率（百分比，仅用于覆盖率方法）</translation>
    </message>
    <message>
        <source>Cumulative: a period holds all features up to it</source>
        <translation>累积：一期包含截至该期的全部要素</translation>
    </message>
    <message>
        <source>Vertices per ellipse</source>
        <translation>每个椭圆的顶点数</translation>
    </message>
    <message>
        <source>Ellipses by period</source>
        <translation>逐期椭圆</translation>
    </message>
    <message>
        <source>Trajectory of the centre</source>
        <translation>中心的轨迹</translation>
    </message>
    <message>
        <source>Shifts between periods</source>
        <translation>相邻时期之间的移动</translation>
    </message>
    <message>
        <source>Time field</source>
        <translation>时间字段</translation>
    </message>
    <message>
        <source>Choose the time field (the period of each feature).</source>
        <translation>请选择时间字段（每个要素的时期）。</translation>
    </message>
    <message>
        <source>Time field &apos;{}&apos; of layer &apos;{}&apos;: {}.</source>
        <translation>时间字段“{}”（图层“{}”）：{}。</translation>
    </message>
    <message>
        <source>Time field &apos;{}&apos; of layer &apos;{}&apos; is NULL in every feature.</source>
        <translation>时间字段“{}”（图层“{}”）在所有要素中都为 NULL。</translation>
    </message>
    <message>
        <source>{} features have no period (NULL time) and were skipped.</source>
        <translation>有 {} 个要素没有时期（时间为 NULL），已跳过。</translation>
    </message>
    <message>
        <source>&lt;p&gt;The standard deviational ellipse of each case period by period, the path of its centre and how it moved and changed between consecutive periods (centre of gravity shift and the evolution of the ellipse), in one run.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input layer&lt;/b&gt;, &lt;b&gt;Weight field&lt;/b&gt;, &lt;b&gt;Case field&lt;/b&gt;, &lt;b&gt;Method&lt;/b&gt;, &lt;b&gt;Size&lt;/b&gt;, &lt;b&gt;Coverage&lt;/b&gt;, &lt;b&gt;CRS for the statistics&lt;/b&gt; and &lt;b&gt;Vertices&lt;/b&gt;: as the ellipse tool.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Time field&lt;/b&gt; (required): the period of each feature: numbers such as years, dates, or text periods in their natural order (&apos;batch 2&apos; before &apos;batch 10&apos;). Features whose period is NULL are skipped and counted in the log.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Cumulative&lt;/b&gt;: off (default), each period holds only its own features; on, a period holds all features up to it (e.g. clusters as they are designated).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ellipses&lt;/b&gt;: one per case and period; &lt;code&gt;n_skipped&lt;/code&gt; counts the skipped features of the case in the period (up to it when cumulative). &lt;b&gt;Trajectory&lt;/b&gt;: one line per case through its centres in period order. &lt;b&gt;Shifts&lt;/b&gt;: one row per case and consecutive pair of the periods in which it has a centre; the changes are later minus earlier.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一次运行得到每个分组逐期的标准差椭圆、其中心的轨迹，以及相邻两期之间中心的移动和椭圆的变化（重心迁移与标准差椭圆的时空演变）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入图层&lt;/b&gt;、&lt;b&gt;权重字段&lt;/b&gt;、&lt;b&gt;分组字段&lt;/b&gt;、&lt;b&gt;方法&lt;/b&gt;、&lt;b&gt;大小&lt;/b&gt;、&lt;b&gt;覆盖率&lt;/b&gt;、&lt;b&gt;统计所用坐标系&lt;/b&gt;和&lt;b&gt;顶点数&lt;/b&gt;：与标准差椭圆工具相同。&lt;/p&gt;&lt;p&gt;&lt;b&gt;时间字段&lt;/b&gt;（必填）：每个要素所属的时期：年份等数字、日期，或按自然顺序排列的文本时期（“第2批”在“第10批”之前）。时期为 NULL 的要素被跳过，并在日志中计数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;累积&lt;/b&gt;：关闭（默认）时每期只含本期的要素；开启时一期包含截至该期的全部要素（例如按认定批次累计的集群）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;椭圆&lt;/b&gt;：每个分组每期一个；&lt;code&gt;n_skipped&lt;/code&gt; 为该分组在该期（累计时为截至该期）跳过的要素数。&lt;b&gt;轨迹&lt;/b&gt;：每个分组一条按时期顺序连接各期中心的线。&lt;b&gt;移动&lt;/b&gt;：每个分组在其有中心的相邻两期之间各一行；变化量均为后期减前期。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{} skipped features belong to a case and period without any usable feature: no ellipse row counts them in n_skipped.</source>
        <translation>有 {} 个跳过的要素所属的分组在其时期内没有任何可用要素：没有椭圆行在 n_skipped 中计入它们。</translation>
    </message>
</context>
<context>
    <name>EngineErrors</name>
    <message>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <source>{role}: expected a table, got {given}.</source>
        <translation>{role}：应为表格，实际为 {given}。</translation>
    </message>
    <message>
        <source>{role}: there is no field &apos;{field}&apos;. The fields are: {available}.</source>
        <translation>{role}：没有字段“{field}”。现有字段：{available}。</translation>
    </message>
    <message>
        <source>{role}: expected {expected} values, one per row, got {got}.</source>
        <translation>{role}：应有 {expected} 个值（每行一个），实际为 {got} 个。</translation>
    </message>
    <message>
        <source>{role}: layer &apos;{table}&apos; has no rows.</source>
        <translation>{role}：图层“{table}”没有任何记录。</translation>
    </message>
    <message>
        <source>{role}: field &apos;{field}&apos; has a missing, non-numeric or negative value in {count} rows (rows {rows}, counting from 1).</source>
        <translation>{role}：字段“{field}”有 {count} 行的值缺失、非数值或为负（第 {rows} 行，从 1 起数）。</translation>
    </message>
    <message>
        <source>Layer &apos;{table}&apos;, field &apos;{field}&apos;: {count} rows list several cities (rows {rows}: {values}). Run &apos;Split multi-city records&apos; (clusterbelt:splitmulticity) first and match on its city_part field: the method matches each city part of a cluster on its own.</source>
        <translation>图层“{table}”，字段“{field}”：{count} 行列出了多个城市（第 {rows} 行：{values}）。请先运行“拆分多城市记录”（clusterbelt:splitmulticity），再用其 city_part 字段进行匹配：本方法对集群的每个城市部分分别匹配。</translation>
    </message>
    <message>
        <source>{role}: {detail}</source>
        <translation>{role}：{detail}</translation>
    </message>
    <message>
        <source>{role}: &apos;{values}&apos; is not a year or a range of years (write e.g. 2021, 2018-2021 or 2018,2020).</source>
        <translation>{role}：“{values}”不是年份或年份范围（请写成如 2021、2018-2021 或 2018,2020）。</translation>
    </message>
    <message>
        <source>{role}: the set of years is empty; give at least one year, or none to use every row.</source>
        <translation>{role}：年份集合为空；请至少给出一个年份，或不填以使用所有记录。</translation>
    </message>
    <message>
        <source>{role}: this needs {needs}: choose it.</source>
        <translation>{role}：此项需要{needs}，请选择。</translation>
    </message>
    <message>
        <source>{role}: no row has a year in field &apos;{field}&apos;, so there is no latest year; give the year.</source>
        <translation>{role}：字段“{field}”中没有任何一行有年份，因此无法确定最近年份；请给出年份。</translation>
    </message>
    <message>
        <source> and {} more</source>
        <translation> 等，另有 {} 个</translation>
    </message>
</context>
<context>
    <name>FastRead</name>
    <message>
        <source>GDAL failed: {}</source>
        <translation>GDAL 出错：{}</translation>
    </message>
    <message>
        <source>bulk reading is switched off</source>
        <translation>批量读取已关闭</translation>
    </message>
    <message>
        <source>GDAL&apos;s Python bindings are not installed</source>
        <translation>未安装 GDAL 的 Python 绑定</translation>
    </message>
    <message>
        <source>GDAL is older than 3.6 (no Arrow stream)</source>
        <translation>GDAL 版本低于 3.6（不支持 Arrow 流）</translation>
    </message>
    <message>
        <source>the input is not a layer</source>
        <translation>输入不是图层</translation>
    </message>
    <message>
        <source>the layer&apos;s provider is &apos;{}&apos;, not a file read by GDAL/OGR</source>
        <translation>图层的数据提供者是“{}”，不是由 GDAL/OGR 读取的文件</translation>
    </message>
    <message>
        <source>only the selected features are used</source>
        <translation>仅使用选中的要素</translation>
    </message>
    <message>
        <source>a feature limit is set</source>
        <translation>设置了要素数量上限</translation>
    </message>
    <message>
        <source>a filter expression is set</source>
        <translation>设置了过滤表达式</translation>
    </message>
    <message>
        <source>the input overrides the default geometry check</source>
        <translation>输入覆盖了默认的几何检查设置</translation>
    </message>
    <message>
        <source>the layer has a filter (subset string)</source>
        <translation>图层设置了过滤条件（子集字符串）</translation>
    </message>
    <message>
        <source>the layer has unsaved edits</source>
        <translation>图层有未保存的编辑</translation>
    </message>
    <message>
        <source>the layer&apos;s geometries are not single points (centroids are computed per feature)</source>
        <translation>图层的几何不是单点（逐要素计算质心）</translation>
    </message>
    <message>
        <source>the source does not hold all of the layer&apos;s features</source>
        <translation>数据源未包含图层的全部要素</translation>
    </message>
    <message>
        <source>field &apos;{}&apos; is joined or computed, not stored in the file</source>
        <translation>字段“{}”是连接字段或计算字段，并未存储在文件中</translation>
    </message>
    <message>
        <source>field &apos;{}&apos; is of type {}</source>
        <translation>字段“{}”的类型为 {}</translation>
    </message>
    <message>
        <source>the layer&apos;s source sets {}</source>
        <translation>图层数据源设置了 {}</translation>
    </message>
    <message>
        <source>the layer&apos;s source has no file path</source>
        <translation>图层数据源没有文件路径</translation>
    </message>
    <message>
        <source>GDAL cannot open {}</source>
        <translation>GDAL 无法打开 {}</translation>
    </message>
    <message>
        <source>GDAL cannot find the layer in its file</source>
        <translation>GDAL 在文件中找不到该图层</translation>
    </message>
    <message>
        <source>the file&apos;s layer does not have exactly one geometry column</source>
        <translation>文件中的图层不是恰好一个几何列</translation>
    </message>
    <message>
        <source>field &apos;{}&apos; is not an attribute column of the file</source>
        <translation>字段“{}”不是文件中的属性列</translation>
    </message>
    <message>
        <source>GDAL cannot stream the layer&apos;s columns</source>
        <translation>GDAL 无法以流方式读取图层的列</translation>
    </message>
    <message>
        <source>unexpected columns in the Arrow stream</source>
        <translation>Arrow 流中出现意外的列</translation>
    </message>
    <message>
        <source>infinite coordinates under a geometry validity check</source>
        <translation>启用几何有效性检查时出现无穷大坐标</translation>
    </message>
    <message>
        <source>the case column arrives as {}</source>
        <translation>分组列的数据类型为 {}</translation>
    </message>
    <message>
        <source>GDAL streamed {} features where QGIS counts {}</source>
        <translation>GDAL 读出 {} 个要素，而 QGIS 统计为 {} 个</translation>
    </message>
    <message>
        <source>the case field&apos;s text is decoded as {}, not UTF-8</source>
        <translation>分组字段的文本按 {} 解码，而非 UTF-8</translation>
    </message>
    <message>
        <source>the case field holds text that is not UTF-8</source>
        <translation>分组字段含有非 UTF-8 文本</translation>
    </message>
    <message>
        <source>geometries arrive as {}, not WKB</source>
        <translation>几何的数据类型为 {}，而非 WKB</translation>
    </message>
    <message>
        <source>GDAL streamed {}-byte geometries, not points</source>
        <translation>GDAL 读出 {} 字节的几何，不是点</translation>
    </message>
    <message>
        <source>unreadable WKB byte order</source>
        <translation>无法识别的 WKB 字节序</translation>
    </message>
    <message>
        <source>geometries other than points in a point layer</source>
        <translation>点图层中含有非点几何</translation>
    </message>
    <message>
        <source>dates are read in bulk from GeoPackages only</source>
        <translation>仅从 GeoPackage 批量读取日期</translation>
    </message>
    <message>
        <source>a date column holds 1970-01-01 or unreadable dates</source>
        <translation>日期列含有 1970-01-01 或无法解析的日期</translation>
    </message>
</context>
<context>
    <name>LayerIO</name>
    <message>
        <source>{}: layer &apos;{}&apos; has no field &apos;{}&apos;. Its fields are: {}.</source>
        <translation>{}：图层“{}”没有字段“{}”。该图层的字段有：{}。</translation>
    </message>
    <message>
        <source>{}: field &apos;{}&apos; of layer &apos;{}&apos; is of type {}, not numeric.</source>
        <translation>{0}：图层“{2}”的字段“{1}”类型为 {3}，不是数值型。</translation>
    </message>
    <message>
        <source>{}: choose a field of layer &apos;{}&apos;.</source>
        <translation>{}：请选择图层“{}”的一个字段。</translation>
    </message>
</context>
<context>
    <name>LoadSampleDataAlgorithm</name>
    <message>
        <source>Load sample data</source>
        <translation>加载示例数据</translation>
    </message>
    <message>
        <source>Sample data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <source>Sample clusters (one point per cluster and city)</source>
        <translation>示例集群（每个集群的每个城市一个点）</translation>
    </message>
    <message>
        <source>Sample online belts</source>
        <translation>示例线上产业带</translation>
    </message>
    <message>
        <source>Industry relations judged in the paper</source>
        <translation>论文判定的产业关系</translation>
    </message>
    <message>
        <source>Gazetteer of Chinese prefecture-level cities</source>
        <translation>中国地级行政区地名库</translation>
    </message>
    <message>
        <source>{}: {} rows.</source>
        <translation>{}：{} 行。</translation>
    </message>
    <message>
        <source>The bundled file {} cannot be read.</source>
        <translation>无法读取内置文件 {}。</translation>
    </message>
    <message>
        <source>Sample clusters: {} clusters in {} city points.</source>
        <translation>示例集群：{} 个集群，共 {} 个城市点。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Writes the data bundled with ClusterBelt as layers, ready for the other tools: the worked example of Zhao, Dai, Fan and Ma (2022).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sample clusters&lt;/b&gt;: one point per cluster and city (multi-city clusters already split, with &lt;code&gt;city_share&lt;/code&gt; = 1/N, and located with the bundled gazetteer). A partial sample of China&apos;s national cluster lists: the clusters confirmed in public sources, each with its source and certainty mark, and those the paper&apos;s Tables 3 and 4 name.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sample online belts&lt;/b&gt;: the online industrial belts of 2021 the paper names (real but partial). &lt;b&gt;Industry relations&lt;/b&gt;: the paper&apos;s judgements of which cluster and belt industries match. &lt;b&gt;Gazetteer&lt;/b&gt;: 369 Chinese prefecture-level units with their seats (WGS 84), from Vonng/adcode, CC BY 4.0.&lt;/p&gt;&lt;p&gt;Try next: &lt;i&gt;Standard deviational ellipse&lt;/i&gt; on the sample clusters with weight field &lt;code&gt;city_share&lt;/code&gt; and case field &lt;code&gt;cluster_type&lt;/code&gt;; &lt;i&gt;Match clusters with online belts&lt;/i&gt; with the sample clusters (city field &lt;code&gt;city_part&lt;/code&gt;) and belts.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将 ClusterBelt 内置的数据写成图层，可直接用于其他工具：Zhao、Dai、Fan、Ma（2022）的实例数据。&lt;/p&gt;&lt;p&gt;&lt;b&gt;示例集群&lt;/b&gt;：每个集群的每个城市一个点（多城市集群已拆分，&lt;code&gt;city_share&lt;/code&gt; = 1/N，并已用内置地名库定位）。这是中国国家级集群名单的部分样本：在公开来源中得到确认的集群（每条记录附来源和可信度标记），以及论文表 3 和表 4 列出的集群。&lt;/p&gt;&lt;p&gt;&lt;b&gt;示例线上产业带&lt;/b&gt;：论文列出的 2021 年线上产业带（真实但不完整）。&lt;b&gt;产业关系&lt;/b&gt;：论文对集群产业与产业带产业是否匹配的判定。&lt;b&gt;地名库&lt;/b&gt;：369 个中国地级行政区及其政府驻地（WGS 84），来自 Vonng/adcode，CC BY 4.0。&lt;/p&gt;&lt;p&gt;下一步可以试试：对示例集群运行&lt;i&gt;标准差椭圆&lt;/i&gt;，权重字段选 &lt;code&gt;city_share&lt;/code&gt;，分组字段选 &lt;code&gt;cluster_type&lt;/code&gt;；用示例集群（城市字段 &lt;code&gt;city_part&lt;/code&gt;）和示例产业带运行&lt;i&gt;集群与线上产业带匹配&lt;/i&gt;。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>LocateCitiesAlgorithm</name>
    <message>
        <source>Locate cities</source>
        <translation>城市定位</translation>
    </message>
    <message>
        <source>Cluster-belt matching</source>
        <translation>集群—产业带匹配</translation>
    </message>
    <message>
        <source>Input table</source>
        <translation>输入表</translation>
    </message>
    <message>
        <source>City field (name or code)</source>
        <translation>城市字段（名称或代码）</translation>
    </message>
    <message>
        <source>Gazetteer name field</source>
        <translation>地名库名称字段</translation>
    </message>
    <message>
        <source>Gazetteer code field</source>
        <translation>地名库代码字段</translation>
    </message>
    <message>
        <source>Gazetteer province field</source>
        <translation>地名库省份字段</translation>
    </message>
    <message>
        <source>Located rows</source>
        <translation>已定位的记录</translation>
    </message>
    <message>
        <source>Choose the city field of layer &apos;{}&apos;.</source>
        <translation>请选择图层“{}”的城市字段。</translation>
    </message>
    <message>
        <source>City field</source>
        <translation>城市字段</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; changed while it was read.</source>
        <translation>图层“{}”在读取过程中发生了变化。</translation>
    </message>
    <message>
        <source>Gazetteer layer &apos;{}&apos;: choose its name field.</source>
        <translation>地名库图层“{}”：请选择其名称字段。</translation>
    </message>
    <message>
        <source>Gazetteer layer &apos;{}&apos;: {}</source>
        <translation>地名库图层“{}”：{}</translation>
    </message>
    <message>
        <source>Rows: {}; by status: {}.</source>
        <translation>记录数：{}；按状态：{}。</translation>
    </message>
    <message>
        <source>{} rows have no point (kept without geometry): {}</source>
        <translation>{} 行没有定位点（保留，但无几何）：{}</translation>
    </message>
    <message>
        <source>Province field (context, optional)</source>
        <translation>省份字段（上下文，可选）</translation>
    </message>
    <message>
        <source>Context city field (optional)</source>
        <translation>上下文城市字段（可选）</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>The place&apos;s own point</source>
        <translation>地点自身的点</translation>
    </message>
    <message>
        <source>The seat of its city</source>
        <translation>所属城市的驻地</translation>
    </message>
    <message>
        <source>Gazetteer (default: bundled Chinese cities, counties and districts)</source>
        <translation>地名表（默认：内置的中国城市、县和市辖区）</translation>
    </message>
    <message>
        <source>Places of your own (name, parent, lon, lat)</source>
        <translation>自定义地点（name、parent、lon、lat）</translation>
    </message>
    <message>
        <source>Province field</source>
        <translation>省份字段</translation>
    </message>
    <message>
        <source>Context city field</source>
        <translation>上下文城市字段</translation>
    </message>
    <message>
        <source>Places table &apos;{}&apos;: the fields {} are missing (a places table has the fields name, parent, lon, lat and optionally code, level).</source>
        <translation>地点表“{}”：缺少字段 {}（地点表含字段 name、parent、lon、lat，可选 code、level）。</translation>
    </message>
    <message>
        <source>Places table &apos;{}&apos;: {}</source>
        <translation>地点表“{}”：{}</translation>
    </message>
    <message>
        <source>Places table &apos;{}&apos;: {} places added to the gazetteer.</source>
        <translation>地点表“{}”：已向地名表添加 {} 个地点。</translation>
    </message>
    <message>
        <source>{} rows were resolved through a place below their city ({}).</source>
        <translation>{} 行通过其城市下属的地点定位（{}）。</translation>
    </message>
    <message>
        <source>{} rows have their city&apos;s seat as point: {}.</source>
        <translation>{} 行以所属城市的驻地为点位：{}。</translation>
    </message>
    <message>
        <source>The input already has fields named as this tool&apos;s: kept as {}.</source>
        <translation>输入已有与本工具输出同名的字段：保留为 {}。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Gives every row of a table the point of its place and the prefecture-level city it lies in, looked up in a gazetteer.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input&lt;/b&gt;: any table or vector layer; &lt;b&gt;City field&lt;/b&gt;: the name or code (adcode) of a city, county, county-level city or district. Names match when they are the full name (深圳市, 义乌市, 南山区), the name without its suffix (深圳, 义乌), the adcode (440300, 330782), a name with its province and city in front (广东省深圳市南山区, 浙江省义乌市, 深圳南山) or a common variant (恩施 = 恩施土家族苗族自治州, 海西州, 兴安盟); whitespace, full-width forms and traditional characters are ignored. A bare name is a city before it is a county (朝阳 = 朝阳市).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Province field&lt;/b&gt;, &lt;b&gt;Context city field&lt;/b&gt; (optional): the row's province or city, used when a name exists in several places (南山区 is in 深圳 and in 鹤岗). Without them such a row is ambiguous and the log lists the candidates.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Point&lt;/b&gt;: the place's own point (default; a place without one gets its city's seat) or the seat of its city.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Gazetteer&lt;/b&gt; (optional): a point layer of cities with a name field and, optionally, a code and a province field. Default: the bundled gazetteer of the 369 Chinese prefecture-level units and the 2,817 counties, county-level cities and districts below them (codes current to 2025-12-31; points are government seats, WGS 84), from Vonng/adcode, CC BY 4.0.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Places&lt;/b&gt; (optional): your own towns and markets, a table with the fields name, parent (the code or name of the county or city it lies in), lon and lat (WGS 84), optionally code and level; e.g. 白沟镇, 高碑店市, 116.03, 39.12. They extend the gazetteer.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: every input row, with all its fields, as a point in the gazetteer's CRS (the added fields are listed below). Rows that cannot be located are kept without geometry and listed in the log: nothing is dropped.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在地名表中查找每一行所指的地点及其所属的地级城市，并给出其点位。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入&lt;/b&gt;：任意表格或矢量图层；&lt;b&gt;城市字段&lt;/b&gt;：城市、县、县级市或市辖区的名称或代码（行政区划代码）。可匹配全称（深圳市、义乌市、南山区）、去掉后缀的名称（深圳、义乌）、行政区划代码（440300、330782）、前面带省和市的名称（广东省深圳市南山区、浙江省义乌市、深圳南山）以及常见变体（恩施 = 恩施土家族苗族自治州、海西州、兴安盟）；忽略空白、全角字符和繁体字。单独的名称先按城市理解，再按县理解（朝阳 = 朝阳市）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;省份字段&lt;/b&gt;、&lt;b&gt;上下文城市字段&lt;/b&gt;（可选）：该行所在的省份或城市，用于区分在多个地方重名的地名（南山区在深圳和鹤岗都有）。没有它们时，这样的行为 ambiguous（有歧义），日志列出候选地点。&lt;/p&gt;&lt;p&gt;&lt;b&gt;点位&lt;/b&gt;：地点自身的点（默认；没有点位的地点取其城市驻地）或其所属城市的驻地。&lt;/p&gt;&lt;p&gt;&lt;b&gt;地名表&lt;/b&gt;（可选）：城市点图层，含名称字段，可选代码和省份字段。默认：内置地名表，包括 369 个中国地级单位及其下属 2,817 个县、县级市和市辖区（代码截至 2025-12-31；点位为政府驻地，WGS 84），来自 Vonng/adcode，CC BY 4.0。&lt;/p&gt;&lt;p&gt;&lt;b&gt;自定义地点&lt;/b&gt;（可选）：您自己的乡镇和市场，表格含字段 name、parent（所在县或城市的代码或名称）、lon 和 lat（WGS 84），可选 code 和 level；例如 白沟镇, 高碑店市, 116.03, 39.12。它们扩充地名表。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;：所有输入行及其全部字段，以地名表坐标系中的点表示（新增字段见下文）。无法定位的行保留但无几何，并在日志中列出：不丢弃任何行。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MatchClustersBeltsAlgorithm</name>
    <message>
        <source>Match clusters with online belts</source>
        <translation>集群与线上产业带匹配</translation>
    </message>
    <message>
        <source>Cluster-belt matching</source>
        <translation>集群—产业带匹配</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Cluster city field</source>
        <translation>集群城市字段</translation>
    </message>
    <message>
        <source>Cluster type field</source>
        <translation>集群类型字段</translation>
    </message>
    <message>
        <source>Cluster industry field</source>
        <translation>集群产业字段</translation>
    </message>
    <message>
        <source>Online belts</source>
        <translation>线上产业带</translation>
    </message>
    <message>
        <source>Belt city field</source>
        <translation>产业带城市字段</translation>
    </message>
    <message>
        <source>Belt industry field</source>
        <translation>产业带产业字段</translation>
    </message>
    <message>
        <source>Belt year field</source>
        <translation>产业带年份字段</translation>
    </message>
    <message>
        <source>Belt years that count (e.g. 2021 or 2018-2021; empty: all)</source>
        <translation>计入的产业带年份（如 2021 或 2018-2021；留空：全部）</translation>
    </message>
    <message>
        <source>Clusters with match class</source>
        <translation>带匹配类别的集群</translation>
    </message>
    <message>
        <source>Related cluster-belt pairs</source>
        <translation>有关系的集群—产业带对</translation>
    </message>
    <message>
        <source>Summary (Table 1)</source>
        <translation>汇总（表 1）</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>Belt years {} were given but no belt year field: choose the field that holds the year.</source>
        <translation>指定了产业带年份 {}，但没有选择产业带年份字段：请选择存放年份的字段。</translation>
    </message>
    <message>
        <source>Belts layer &apos;{}&apos; has no rows: every cluster is no_belt_in_city.</source>
        <translation>产业带图层“{}”没有任何记录：所有集群均为 no_belt_in_city。</translation>
    </message>
    <message>
        <source>Belts</source>
        <translation>产业带</translation>
    </message>
    <message>
        <source>Belts: {input} read, {used} used; left out: {other_year} of other years, {no_year} without a year, {no_city} without a city.</source>
        <translation>产业带：读取 {input} 条，使用 {used} 条；未使用：其他年份 {other_year} 条，无年份 {no_year} 条，无城市 {no_city} 条。</translation>
    </message>
    <message>
        <source>Clusters: {} rows; {}.</source>
        <translation>集群：{} 行；{}。</translation>
    </message>
    <message>
        <source>{} cluster rows have no city key (class no_belt_in_city).</source>
        <translation>{} 行集群没有城市键（类别为 no_belt_in_city）。</translation>
    </message>
    <message>
        <source>{}: {} clusters, {} matched ({:.1f} %), {} similar ({:.1f} %)</source>
        <translation>{}：{} 个集群，匹配 {}（{:.1f} %），相近 {}（{:.1f} %）</translation>
    </message>
    <message>
        <source>{} cluster rows repeat a {} within one city ({}; rows {}); they are kept and each is matched and counted.</source>
        <translation>{0} 行集群在同一城市内重复了 {1}（{2}；第 {3} 行）；这些行均保留，并各自参与匹配和计数。</translation>
    </message>
    <message>
        <source>The relation table overrode the taxonomy on {} industry pairs.</source>
        <translation>关系表在 {} 个产业对上覆盖了行业分类的判断。</translation>
    </message>
    <message>
        <source>The clusters already have fields named as this tool&apos;s: kept as {}.</source>
        <translation>集群表已有与本工具输出同名的字段：保留为 {}。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Matches every cluster record with the online industrial belts of its own city by industry (Zhao et al. 2022, section 5 of the method) and reproduces the paper's Table 1.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Clusters&lt;/b&gt;: one row per cluster and city (run &lt;i&gt;Split multi-city records&lt;/i&gt; first for clusters that list several cities: this tool refuses such rows and names them). &lt;b&gt;City fields&lt;/b&gt;: names or adcodes, resolved with the bundled gazetteer as &lt;i&gt;Locate cities&lt;/i&gt; does (深圳 = 深圳市 = 440300); names it does not know are compared as written after normalisation. &lt;b&gt;Years&lt;/b&gt;: the belt years that count, e.g. 2021, 2018-2021 or 2018,2020 (needs the belt year field; empty: every belt).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Relations&lt;/b&gt;: a table with columns industry_a, industry_b, relation (identical, subordinate or similar; 相同/隶属/相近 accepted) and an optional note. identical and similar are symmetric; subordinate (a belongs to b) matches either way round. Industry names compare after removing whitespace, full-width forms, brackets such as （浦东新区） and a trailing 产业/集群/产业集群. Default: the bundled table of the paper's published judgements (Tables 3 and 4). Names that are equal after normalisation are identical.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: every cluster row exactly once with all its fields, plus the fields listed below.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Pairs&lt;/b&gt;: every related cluster-belt pair with &lt;code&gt;relation&lt;/code&gt;, &lt;code&gt;direction&lt;/code&gt;, &lt;code&gt;basis&lt;/code&gt;, &lt;code&gt;score&lt;/code&gt; and the relation's &lt;code&gt;note&lt;/code&gt;; cluster_row and belt_row count input rows from 0. &lt;b&gt;Summary&lt;/b&gt;: Table 1 per cluster type and in total (rates in percent, stored unrounded; the paper rounds half up to one decimal). &lt;b&gt;Report&lt;/b&gt;: an HTML page with Table 1, the matched belts of every cluster and the clusters without a match.&lt;/p&gt;</source>
        <translation>&lt;p&gt;按产业将每条集群记录与其所在城市的线上产业带进行匹配（Zhao et al. 2022，方法第 5 节），并复现论文的表 1。&lt;/p&gt;&lt;p&gt;&lt;b&gt;集群&lt;/b&gt;：每个集群每个城市一行（列出多个城市的集群请先运行&lt;i&gt;拆分多城市记录&lt;/i&gt;：本工具拒绝此类记录并列出它们）。&lt;b&gt;城市字段&lt;/b&gt;：城市名称或行政区划代码，与&lt;i&gt;城市定位&lt;/i&gt;一样用内置地名库识别（深圳 = 深圳市 = 440300）；地名库不认识的名称在规范化后按原文比较。&lt;b&gt;年份&lt;/b&gt;：计入的产业带年份，如 2021、2018-2021 或 2018,2020（需要产业带年份字段；留空：全部产业带）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;关系&lt;/b&gt;：含 industry_a、industry_b、relation（identical、subordinate 或 similar；也接受 相同/隶属/相近）列以及可选 note 列的表。identical（相同）和 similar（相近）是对称关系；subordinate（隶属，a 属于 b）两个方向均可匹配。产业名称在去除空白、全角形式、（浦东新区）之类的括号内容以及末尾的 产业/集群/产业集群 后进行比较。默认：内置的论文已发表判定结果表（表 3 和表 4）。规范化后相同的名称视为相同产业。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;：每条集群记录恰好一行，含其全部字段，另加下文列出的字段。&lt;/p&gt;&lt;p&gt;&lt;b&gt;集群—产业带对&lt;/b&gt;：每个有关系的集群—产业带对，含 &lt;code&gt;relation&lt;/code&gt;、&lt;code&gt;direction&lt;/code&gt;、&lt;code&gt;basis&lt;/code&gt;、&lt;code&gt;score&lt;/code&gt; 和关系的 &lt;code&gt;note&lt;/code&gt;；cluster_row 和 belt_row 为输入记录序号，从 0 开始。&lt;b&gt;汇总&lt;/b&gt;：按集群类型及合计的表 1（比率为百分比，存储时不取整；论文四舍五入到一位小数）。&lt;b&gt;报告&lt;/b&gt;：HTML 页面，包括表 1、每个集群匹配的产业带以及未匹配的集群。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MedianCenterAlgorithm</name>
    <message>
        <source>Median center</source>
        <translation>中位数中心</translation>
    </message>
    <message>
        <source>Spatial distribution</source>
        <translation>空间分布</translation>
    </message>
    <message>
        <source>Case field (one median per value)</source>
        <translation>分组字段（每个取值一个中位数中心）</translation>
    </message>
    <message>
        <source>Median centres</source>
        <translation>中位数中心</translation>
    </message>
    <message>
        <source>&lt;p&gt;Finds per case the point that minimises the weighted sum of Euclidean distances to the points (the geometric median, ArcGIS Median Center). Newton&apos;s method from the mean centre, each step kept only if it shortens the sum of distances, with Weiszfeld&apos;s step (Vardi and Zhang&apos;s on a data point) where Newton&apos;s fails or cannot apply; a case stops when its step is below 1e-9 of its standard distance, and a data point that is the median is returned exactly. &lt;code&gt;iterations&lt;/code&gt; counts the passes over the case&apos;s points.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input layer&lt;/b&gt;, &lt;b&gt;Weight field&lt;/b&gt;, &lt;b&gt;Case field&lt;/b&gt; and &lt;b&gt;CRS for the statistics&lt;/b&gt;: as the ellipse tool (points or centroids; skipped features counted in &lt;code&gt;n_skipped&lt;/code&gt;; negative weights count as 0).&lt;/p&gt;</source>
        <translation>&lt;p&gt;在每个分组中找出到各点加权欧氏距离之和最小的点（几何中位数，与 ArcGIS“中位数中心”相同）。从平均中心开始用牛顿法迭代，每一步只有在使距离之和减小时才被采用；牛顿步失败或不适用时改用 Weiszfeld 步（位于数据点上时用 Vardi 与 Zhang 的修正步）；当一步的长度小于该分组标准距离的 1e-9 时停止；若中位数正好是某个数据点，则精确返回该点。&lt;code&gt;iterations&lt;/code&gt; 记录对该分组各点的遍历次数。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入图层&lt;/b&gt;、&lt;b&gt;权重字段&lt;/b&gt;、&lt;b&gt;分组字段&lt;/b&gt;和&lt;b&gt;统计所用坐标系&lt;/b&gt;：与标准差椭圆工具相同（点或质心；跳过的要素计入 &lt;code&gt;n_skipped&lt;/code&gt;；负权重按 0 计）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MissingDependency</name>
    <message>
        <source>ClusterBelt needs the Python package(s) {names}, which this QGIS cannot import ({errors}). Install them into the Python that QGIS uses, then restart QGIS.
Windows: open the OSGeo4W Shell (Start menu, QGIS folder) and run: python -m pip install {pip}; or run the OSGeo4W installer (Advanced Install) and add the package(s) {packages}.
macOS: in Terminal run QGIS&apos;s own Python: &quot;{mac_python}&quot; -m pip install {pip} (for QGIS-LTR.app put its name in the path).
Linux: install your distribution&apos;s package(s): sudo apt install {packages} (Debian, Ubuntu) or sudo dnf install {packages} (Fedora).</source>
        <translation>ClusterBelt 需要 Python 包 {names}，但此 QGIS 无法导入（{errors}）。请把它们安装到 QGIS 使用的 Python 中，然后重启 QGIS。
Windows：从开始菜单（QGIS 文件夹）打开 OSGeo4W Shell，运行：python -m pip install {pip}；或运行 OSGeo4W 安装程序（Advanced Install）并添加软件包 {packages}。
macOS：在“终端”中运行 QGIS 自带的 Python：&quot;{mac_python}&quot; -m pip install {pip}（QGIS-LTR.app 请在路径中换成其名称）。
Linux：安装发行版的软件包：sudo apt install {packages}（Debian、Ubuntu）或 sudo dnf install {packages}（Fedora）。</translation>
    </message>
</context>
<context>
    <name>OutputFields</name>
    <message>
        <source>points used (with a weight, zero weights included)</source>
        <translation>参与计算的点数（有权重的点，含权重为 0 的点）</translation>
    </message>
    <message>
        <source>features of the case that were skipped (no geometry, NULL or non-numeric weight)</source>
        <translation>该分组中被跳过的要素数（无几何、权重为 NULL 或非数值）</translation>
    </message>
    <message>
        <source>W, the sum of the weights</source>
        <translation>W，权重之和</translation>
    </message>
    <message>
        <source>x of the weighted mean centre, in the layer&apos;s CRS</source>
        <translation>加权平均中心的 x，图层坐标系</translation>
    </message>
    <message>
        <source>y of the weighted mean centre, in the layer&apos;s CRS</source>
        <translation>加权平均中心的 y，图层坐标系</translation>
    </message>
    <message>
        <source>x of the weighted mean centre in calc_crs, the CRS of the statistics</source>
        <translation>加权平均中心在 calc_crs（统计所用坐标系）中的 x</translation>
    </message>
    <message>
        <source>y of the weighted mean centre in calc_crs, the CRS of the statistics</source>
        <translation>加权平均中心在 calc_crs（统计所用坐标系）中的 y</translation>
    </message>
    <message>
        <source>ArcGIS 10.x: the semi-axis perpendicular to YStdDist (either may be the major one), in calc_crs units</source>
        <translation>ArcGIS 10.x：与 YStdDist 垂直的半轴（两者都可能是长半轴），calc_crs 单位</translation>
    </message>
    <message>
        <source>ArcGIS 10.x: the semi-axis whose azimuth is in [0,90), in calc_crs units</source>
        <translation>ArcGIS 10.x：方位角在 [0,90) 内的半轴，calc_crs 单位</translation>
    </message>
    <message>
        <source>ArcGIS 10.x: the azimuth of the major axis, degrees clockwise from north, [0,180)</source>
        <translation>ArcGIS 10.x：长轴方位角，自正北顺时针的度数，[0,180)</translation>
    </message>
    <message>
        <source>the major semi-axis, in calc_crs units (metres for the automatic equal-area CRS)</source>
        <translation>长半轴，calc_crs 单位（自动等积坐标系为米）</translation>
    </message>
    <message>
        <source>the minor semi-axis, in calc_crs units</source>
        <translation>短半轴，calc_crs 单位</translation>
    </message>
    <message>
        <source>the major axis, degrees clockwise from north, [0,180); NULL when the spread is the same in every direction</source>
        <translation>长轴方向，自正北顺时针的度数，[0,180)；各方向离散程度相同时为 NULL</translation>
    </message>
    <message>
        <source>the method: arcgis, yuill, crimestat or coverage</source>
        <translation>方法：arcgis、yuill、crimestat 或 coverage</translation>
    </message>
    <message>
        <source>the factor applied to sqrt(lambda)</source>
        <translation>乘在 sqrt(lambda) 上的系数</translation>
    </message>
    <message>
        <source>percent of a bivariate normal inside the ellipse, 1-exp(-s^2/2) for scale s (Yuill k=1: 39.35, ArcGIS k=1: 63.21; not the 68 of the one-dimensional rule)</source>
        <translation>二元正态分布落在椭圆内的百分比，系数为 s 时为 1-exp(-s^2/2)（Yuill k=1：39.35，ArcGIS k=1：63.21；不是一维规则的 68）</translation>
    </message>
    <message>
        <source>percent of the points inside the ellipse (the boundary counts as inside)</source>
        <translation>落在椭圆内的点的百分比（边界算在内）</translation>
    </message>
    <message>
        <source>percent of the weight inside the ellipse</source>
        <translation>落在椭圆内的权重的百分比</translation>
    </message>
    <message>
        <source>pi * major_sd * minor_sd, in square calc_crs units</source>
        <translation>pi * major_sd * minor_sd，calc_crs 单位的平方</translation>
    </message>
    <message>
        <source>1 - minor_sd / major_sd</source>
        <translation>1 - minor_sd / major_sd</translation>
    </message>
    <message>
        <source>the CRS of the axes and the area: an authority id, or a PROJ string for the automatic CRS</source>
        <translation>半轴和面积所用的坐标系：权威编号，自动坐标系则为 PROJ 字符串</translation>
    </message>
    <message>
        <source>ok, collinear, identical_points, too_few_points (fewer than 3 points), zero_weight (no ellipse) or not_finite (numbers too large for a double; no ellipse); only ok guarantees finite numbers</source>
        <translation>ok、collinear、identical_points、too_few_points（少于 3 个点）、zero_weight（无椭圆）或 not_finite（数值超出双精度范围；无椭圆）；只有 ok 保证数值有限</translation>
    </message>
    <message>
        <source>the adcode of the prefecture-level city (the key matching and co-location use)</source>
        <translation>地级城市的行政区划代码（匹配和同城分析所用的键）</translation>
    </message>
    <message>
        <source>the gazetteer&apos;s name of that city</source>
        <translation>地名库中该城市的名称</translation>
    </message>
    <message>
        <source>its province</source>
        <translation>所在省份</translation>
    </message>
    <message>
        <source>for an ambiguous name: the possible places, separated by |</source>
        <translation>名称有歧义时：可能的地点，以 | 分隔</translation>
    </message>
    <message>
        <source>the code of the place found (city, county...)</source>
        <translation>找到的地点（市、县……）的代码</translation>
    </message>
    <message>
        <source>its name</source>
        <translation>其名称</translation>
    </message>
    <message>
        <source>prefecture, municipality, county_direct, county, district or town</source>
        <translation>prefecture、municipality、county_direct、county、district 或 town</translation>
    </message>
    <message>
        <source>place or city: whose point the geometry is</source>
        <translation>place 或 city：几何是哪一级的点</translation>
    </message>
    <message>
        <source>one city of the record</source>
        <translation>记录中的一个城市</translation>
    </message>
    <message>
        <source>N, the number of cities of the record (0: none)</source>
        <translation>N，记录中的城市数（0：无）</translation>
    </message>
    <message>
        <source>the identical or subordinate belts of its city, joined by &apos;; &apos;</source>
        <translation>所在城市中相同或隶属的产业带，以“; ”连接</translation>
    </message>
    <message>
        <source>the similar belts of its city, joined by &apos;; &apos;</source>
        <translation>所在城市中相近的产业带，以“; ”连接</translation>
    </message>
    <message>
        <source>belt records of its city (after the year filter)</source>
        <translation>所在城市的产业带记录数（按年份筛选后）</translation>
    </message>
    <message>
        <source>the resolved city: the adcode when known</source>
        <translation>解析后的城市：已知时为行政区划代码</translation>
    </message>
    <message>
        <source>the rule that decided: relations, same_name, taxonomy, names (joined by +), no_relation, empty_industry, no_belt or missing_city</source>
        <translation>作出判定的规则：relations、same_name、taxonomy、names（以 + 连接）、no_relation、empty_industry、no_belt 或 missing_city</translation>
    </message>
    <message>
        <source>the cluster&apos;s input row, from 0</source>
        <translation>集群的输入行号，从 0 起</translation>
    </message>
    <message>
        <source>the belt&apos;s input row, from 0</source>
        <translation>产业带的输入行号，从 0 起</translation>
    </message>
    <message>
        <source>the city both are in</source>
        <translation>两者所在的城市</translation>
    </message>
    <message>
        <source>the cluster&apos;s type</source>
        <translation>集群类型</translation>
    </message>
    <message>
        <source>the cluster&apos;s industry</source>
        <translation>集群的产业</translation>
    </message>
    <message>
        <source>the belt&apos;s industry</source>
        <translation>产业带的产业</translation>
    </message>
    <message>
        <source>the belt&apos;s year</source>
        <translation>产业带的年份</translation>
    </message>
    <message>
        <source>identical, subordinate or similar</source>
        <translation>identical、subordinate 或 similar</translation>
    </message>
    <message>
        <source>for subordinate pairs: cluster_in_belt or belt_in_cluster</source>
        <translation>隶属关系时：cluster_in_belt 或 belt_in_cluster</translation>
    </message>
    <message>
        <source>the rule that related them</source>
        <translation>建立关系的规则</translation>
    </message>
    <message>
        <source>the rule&apos;s score, 0-1</source>
        <translation>规则的得分，0-1</translation>
    </message>
    <message>
        <source>the relation&apos;s note</source>
        <translation>关系的备注</translation>
    </message>
    <message>
        <source>the cluster type, or total</source>
        <translation>集群类型，或 total（合计）</translation>
    </message>
    <message>
        <source>cluster records</source>
        <translation>集群记录数</translation>
    </message>
    <message>
        <source>matched records</source>
        <translation>匹配的记录数</translation>
    </message>
    <message>
        <source>similar records</source>
        <translation>相近的记录数</translation>
    </message>
    <message>
        <source>records whose city has belts, none related</source>
        <translation>所在城市有产业带但均无关系的记录数</translation>
    </message>
    <message>
        <source>records whose city has no belt</source>
        <translation>所在城市没有产业带的记录数</translation>
    </message>
    <message>
        <source>percent matched (unrounded)</source>
        <translation>匹配的百分比（未舍入）</translation>
    </message>
    <message>
        <source>percent similar (unrounded)</source>
        <translation>相近的百分比（未舍入）</translation>
    </message>
    <message>
        <source>percent matched or similar (unrounded)</source>
        <translation>匹配或相近的百分比（未舍入）</translation>
    </message>
    <message>
        <source>the city: the adcode when the gazetteer knows it</source>
        <translation>城市：地名库已知时为行政区划代码</translation>
    </message>
    <message>
        <source>the gazetteer&apos;s name of the city</source>
        <translation>地名库中的城市名称</translation>
    </message>
    <message>
        <source>cluster records in the city</source>
        <translation>该城市的集群记录数</translation>
    </message>
    <message>
        <source>the sum of their weights</source>
        <translation>其权重之和</translation>
    </message>
    <message>
        <source>cluster records of the type</source>
        <translation>该类型的集群记录数</translation>
    </message>
    <message>
        <source>cluster records without a type</source>
        <translation>没有类型的集群记录数</translation>
    </message>
    <message>
        <source>the number of cluster types in the city</source>
        <translation>该城市的集群类型数</translation>
    </message>
    <message>
        <source>belt records of the year</source>
        <translation>该年份的产业带记录数</translation>
    </message>
    <message>
        <source>belt records of earlier years</source>
        <translation>更早年份的产业带记录数</translation>
    </message>
    <message>
        <source>1 when the city has clusters</source>
        <translation>城市有集群时为 1</translation>
    </message>
    <message>
        <source>1 when it has belts of the year</source>
        <translation>有该年份的产业带时为 1</translation>
    </message>
    <message>
        <source>1 when its belts are all from earlier years</source>
        <translation>其产业带全部来自更早年份时为 1</translation>
    </message>
    <message>
        <source>1 when it has clusters and belts (of earlier years too with INCLUDE_EARLIER)</source>
        <translation>既有集群又有产业带时为 1（选择 INCLUDE_EARLIER 时也计更早年份的产业带）</translation>
    </message>
    <message>
        <source>the city both clusters are in</source>
        <translation>两个集群所在的城市</translation>
    </message>
    <message>
        <source>identical, subordinate, similar or none</source>
        <translation>identical、subordinate、similar 或 none</translation>
    </message>
    <message>
        <source>for subordinate pairs: a_in_b or b_in_a</source>
        <translation>隶属关系时：a_in_b 或 b_in_a</translation>
    </message>
    <message>
        <source>the rule that decided, or no_relation, empty_industry</source>
        <translation>作出判定的规则，或 no_relation、empty_industry</translation>
    </message>
    <message>
        <source>the rule&apos;s score, 0-1 (NULL when unrelated)</source>
        <translation>规则的得分，0-1（无关系时为 NULL）</translation>
    </message>
    <message>
        <source>an industry (the narrower one of a subordinate pair)</source>
        <translation>一个产业（隶属关系中较窄的一方）</translation>
    </message>
    <message>
        <source>the other industry</source>
        <translation>另一个产业</translation>
    </message>
    <message>
        <source>the rule that decided</source>
        <translation>作出判定的规则</translation>
    </message>
    <message>
        <source>which codes or words decided</source>
        <translation>起决定作用的代码或词</translation>
    </message>
    <message>
        <source>the cluster industry as written</source>
        <translation>原文的集群产业</translation>
    </message>
    <message>
        <source>the belt industry as written</source>
        <translation>原文的产业带产业</translation>
    </message>
    <message>
        <source>cities where the two meet</source>
        <translation>两者同时出现的城市数</translation>
    </message>
    <message>
        <source>those cities (the first ones)</source>
        <translation>这些城市（列出前几个）</translation>
    </message>
    <message>
        <source>what to review first: weight x doubt x cities</source>
        <translation>审核优先级：权重 × 不确定度 × 城市数</translation>
    </message>
    <message>
        <source>the radius: SIZE standard distances, in calc_crs units</source>
        <translation>半径：SIZE 倍标准距离，calc_crs 单位</translation>
    </message>
    <message>
        <source>the sum of the distances to the other features, weighted by their weights</source>
        <translation>到其他要素的距离之和，按其权重加权</translation>
    </message>
    <message>
        <source>area of the intersection over area of the union of the two ellipses (1: identical), to 1e-9</source>
        <translation>两椭圆交集面积与并集面积之比（相同为 1），精确到 1e-9</translation>
    </message>
    <message>
        <source>the period: a value of the time field, of its type</source>
        <translation>时期：时间字段的取值，类型与该字段相同</translation>
    </message>
    <message>
        <source>periods in which the case has a centre: the vertices of the line (no line below 2)</source>
        <translation>该分组有中心的时期数：即线的顶点数（少于 2 时无线）</translation>
    </message>
    <message>
        <source>the length of the path: the sum of shift_distance, in calc_crs units</source>
        <translation>轨迹的长度：shift_distance 之和，calc_crs 单位</translation>
    </message>
    <message>
        <source>the earlier period (a value of the time field, of its type)</source>
        <translation>较早的时期（时间字段的取值，类型与该字段相同）</translation>
    </message>
    <message>
        <source>the next period in which the case has a centre</source>
        <translation>该分组下一个有中心的时期</translation>
    </message>
    <message>
        <source>the distance between the two weighted mean centres, in calc_crs units</source>
        <translation>两个加权平均中心之间的距离，calc_crs 单位</translation>
    </message>
    <message>
        <source>the direction of the shift, atan2(dx, dy): degrees clockwise from north, [0,360); NULL without a shift</source>
        <translation>移动的方向 atan2(dx, dy)：从正北顺时针的角度，[0,360)；无移动时为 NULL</translation>
    </message>
    <message>
        <source>shift_distance per year for numeric periods (years), per day for dates; NULL for text periods</source>
        <translation>数字时期（年份）为每年的 shift_distance，日期为每天的；文本时期为 NULL</translation>
    </message>
    <message>
        <source>the change of major_sd: later minus earlier</source>
        <translation>major_sd 的变化：后期减前期</translation>
    </message>
    <message>
        <source>the change of minor_sd: later minus earlier</source>
        <translation>minor_sd 的变化：后期减前期</translation>
    </message>
    <message>
        <source>the signed smaller turn of the major axis, degrees clockwise, (-90,90] (axes are mod 180)</source>
        <translation>长轴带符号的较小转角，顺时针为正的角度，(-90,90]（轴向以 180 为周期）</translation>
    </message>
    <message>
        <source>the change of area: later minus earlier, in square calc_crs units</source>
        <translation>面积的变化：后期减前期，calc_crs 单位的平方</translation>
    </message>
    <message>
        <source>the change of flattening: later minus earlier</source>
        <translation>扁率的变化：后期减前期</translation>
    </message>
    <message>
        <source>the feature id of the ellipse of A</source>
        <translation>A 中椭圆的要素 ID</translation>
    </message>
    <message>
        <source>the feature id of the ellipse of B</source>
        <translation>B 中椭圆的要素 ID</translation>
    </message>
    <message>
        <source>with case fields: the case field of A, under its name and type</source>
        <translation>选择分组字段时：A 的分组字段，保留其名称和类型</translation>
    </message>
    <message>
        <source>area of the intersection over the area of A</source>
        <translation>交集面积与 A 面积之比</translation>
    </message>
    <message>
        <source>area of the intersection over the area of B</source>
        <translation>交集面积与 B 面积之比</translation>
    </message>
    <message>
        <source>the distance from A&apos;s centre to B&apos;s, in calc_crs units</source>
        <translation>从 A 的中心到 B 的中心的距离，calc_crs 单位</translation>
    </message>
    <message>
        <source>the direction from A&apos;s centre to B&apos;s: degrees clockwise from north, [0,360)</source>
        <translation>从 A 的中心到 B 的中心的方向：从正北顺时针的角度，[0,360)</translation>
    </message>
    <message>
        <source>the signed smaller turn from A&apos;s major axis to B&apos;s, degrees clockwise, (-90,90]</source>
        <translation>从 A 的长轴到 B 的长轴带符号的较小转角，顺时针为正的角度，(-90,90]</translation>
    </message>
    <message>
        <source>B&apos;s major semi-axis over A&apos;s</source>
        <translation>B 与 A 的长半轴之比</translation>
    </message>
    <message>
        <source>B&apos;s minor semi-axis over A&apos;s</source>
        <translation>B 与 A 的短半轴之比</translation>
    </message>
    <message>
        <source>B&apos;s area over A&apos;s</source>
        <translation>B 与 A 的面积之比</translation>
    </message>
    <message>
        <source>the CRS of the comparison: an authority id, or a PROJ string for the automatic CRS</source>
        <translation>比较所用的坐标系：权威机构 ID，或自动坐标系的 PROJ 字符串</translation>
    </message>
    <message>
        <source>exact (the full name or code as given), normalized (found after normalising the name or reading its context), ambiguous (several places match: no point) or not_found (no point)</source>
        <translation>exact（与全称或代码一致）、normalized（规范化名称或读取上下文后找到）、ambiguous（多个地点匹配：无点位）或 not_found（无点位）</translation>
    </message>
    <message>
        <source>1/N, the weight of this city part (use it as the weight of the ellipse tool); NULL when N is 0</source>
        <translation>1/N，该城市部分的权重（可作为标准差椭圆工具的权重）；N 为 0 时为 NULL</translation>
    </message>
    <message>
        <source>matched (some belt of its city is identical or subordinate), similar (else some belt is similar), none (its city has belts, none related) or no_belt_in_city (no belt in its city, or no city)</source>
        <translation>matched 匹配（所在城市有产业带与之相同或存在隶属关系）、similar 相近（否则有产业带与之相近）、none 无关联（所在城市有产业带但均无关系）或 no_belt_in_city（所在城市无产业带，或没有城市）</translation>
    </message>
    <message>
        <source>ok, or why the numbers are missing or partial: too_few_points, identical_points, zero_weight, not_finite (the median centre also not_converged, after 10000 passes)</source>
        <translation>ok，或说明数值缺失或不完整的原因：too_few_points、identical_points、zero_weight、not_finite（中位数中心另有 not_converged：遍历 10000 次后仍未收敛）</translation>
    </message>
    <message>
        <source>passes over the case&apos;s points, one step each (Newton, Weiszfeld or a probed data point)</source>
        <translation>对该分组各点的遍历次数，每次一步（牛顿步、Weiszfeld 步或检验一个数据点）</translation>
    </message>
    <message>
        <source>x of the median centre, in the layer&apos;s CRS</source>
        <translation>中位数中心的 x，图层坐标系</translation>
    </message>
    <message>
        <source>y of the median centre, in the layer&apos;s CRS</source>
        <translation>中位数中心的 y，图层坐标系</translation>
    </message>
    <message>
        <source>x of the median centre in calc_crs, the CRS of the statistics</source>
        <translation>中位数中心在 calc_crs（统计所用坐标系）中的 x</translation>
    </message>
    <message>
        <source>y of the median centre in calc_crs, the CRS of the statistics</source>
        <translation>中位数中心在 calc_crs（统计所用坐标系）中的 y</translation>
    </message>
</context>
<context>
    <name>PointInput</name>
    <message>
        <source>Read {} features in bulk through GDAL.</source>
        <translation>已通过 GDAL 批量读取 {} 个要素。</translation>
    </message>
    <message>
        <source>Read {} features one by one through QGIS ({}).</source>
        <translation>已通过 QGIS 逐个读取 {} 个要素（{}）。</translation>
    </message>
    <message>
        <source>not a file read by GDAL</source>
        <translation>不是由 GDAL 读取的文件</translation>
    </message>
    <message>
        <source>{} features have no geometry and were skipped.</source>
        <translation>{} 个要素没有几何，已跳过。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos;: the weight field &apos;{}&apos; is NULL or not a number in all {} features that have a geometry; choose another weight field or none.</source>
        <translation>图层“{}”：权重字段“{}”在全部 {} 个有几何的要素中均为 NULL 或非数值；请选择其他权重字段或不使用权重。</translation>
    </message>
    <message>
        <source>{} features have a NULL or non-numeric weight and were skipped.</source>
        <translation>{} 个要素的权重为 NULL 或非数值，已跳过。</translation>
    </message>
    <message>
        <source>{} features have a negative weight; they count as weight 0 (as in ArcGIS).</source>
        <translation>{} 个要素的权重为负，按权重 0 计（与 ArcGIS 相同）。</translation>
    </message>
    <message>
        <source>The input layer has no valid CRS: choose the CRS for the statistics.</source>
        <translation>输入图层没有有效的坐标参考系：请选择统计计算所用的坐标参考系。</translation>
    </message>
    <message>
        <source>Computing in {} ({}).</source>
        <translation>在 {}（{}）中计算。</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Some points of layer &apos;{}&apos; cannot be transformed to {}.</source>
        <translation>图层“{}”中有些点无法转换到 {}。</translation>
    </message>
</context>
<context>
    <name>PointStatisticsAlgorithm</name>
    <message>
        <source>Input layer</source>
        <translation>输入图层</translation>
    </message>
    <message>
        <source>Weight field</source>
        <translation>权重字段</translation>
    </message>
    <message>
        <source>CRS for the statistics (default: layer CRS or local equal-area)</source>
        <translation>统计计算所用坐标参考系（默认：图层坐标参考系或局部等积投影）</translation>
    </message>
    <message>
        <source>Case field</source>
        <translation>分组字段</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; has no features.</source>
        <translation>图层“{}”没有要素。</translation>
    </message>
    <message>
        <source>Case {}: status {} (n = {}).</source>
        <translation>分组 {}：状态 {}（n = {}）。</translation>
    </message>
    <message>
        <source>{} cases; by status: {}.</source>
        <translation>{} 个分组；按状态：{}。</translation>
    </message>
</context>
<context>
    <name>ProposeRelationsAlgorithm</name>
    <message>
        <source>Clusters</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Cluster city field</source>
        <translation>集群城市字段</translation>
    </message>
    <message>
        <source>Cluster industry field</source>
        <translation>集群产业字段</translation>
    </message>
    <message>
        <source>Online belts</source>
        <translation>线上产业带</translation>
    </message>
    <message>
        <source>Belt city field</source>
        <translation>产业带城市字段</translation>
    </message>
    <message>
        <source>Belt industry field</source>
        <translation>产业带产业字段</translation>
    </message>
    <message>
        <source>List unrelated pairs too (relation none)</source>
        <translation>同时列出无关系的产业对（relation 为 none）</translation>
    </message>
    <message>
        <source>Proposed relations</source>
        <translation>推荐的产业关系</translation>
    </message>
    <message>
        <source>Belts</source>
        <translation>产业带</translation>
    </message>
    <message>
        <source>{} industry pairs proposed: {}.</source>
        <translation>共推荐 {} 个产业对：{}。</translation>
    </message>
    <message>
        <source>The relation table overrode the taxonomy on {} pairs.</source>
        <translation>关系表在 {} 个产业对上覆盖了行业分类的判定。</translation>
    </message>
    <message>
        <source>Not paired: {}.</source>
        <translation>未能配对：{}。</translation>
    </message>
    <message>
        <source>Propose industry relations</source>
        <translation>推荐产业关系</translation>
    </message>
    <message>
        <source>Cluster-belt matching</source>
        <translation>集群—产业带匹配</translation>
    </message>
    <message>
        <source>Review first: {}.</source>
        <translation>请先审核：{}。</translation>
    </message>
    <message>
        <source>{} industry names are longer than {} characters: the rules read only their first {} characters.</source>
        <translation>{} 个产业名称超过 {} 个字符：规则只读取其前 {} 个字符。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Proposes the relation of every cluster industry and belt industry that share a city, so the analyst reviews a table instead of judging thousands of pairs by hand.&lt;/p&gt;&lt;p&gt;Rules, in order, each recorded in &lt;code&gt;basis&lt;/code&gt;: the analyst's &lt;b&gt;relation table&lt;/b&gt; (it always wins; relation none in it vetoes an automatic relation); equal names after normalisation (same_name); the &lt;b&gt;taxonomy&lt;/b&gt;: terms mapped to GB/T 4754-2017 codes (国民经济行业分类; by keywords, else by the words of the official code names) and the 2018 strategic emerging industry fields - same 4-digit class = identical, one code inside the other = subordinate, same 2-digit division, an explicit industrial-chain link or one group of a published statistical grouping (high-tech industries, digital economy core industries, strategic emerging industry fields) = similar; &lt;b&gt;names&lt;/b&gt;: character n-gram similarity after removing generic words (产业, 集群, 创新型, 先进, ...), for terms the vocabulary does not know.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: one row per distinct industry pair (its fields are listed below). Rows come in the order a reviewer should read them: highest &lt;code&gt;review_priority&lt;/code&gt; first (what a wrong verdict would change x how unsure the rule was x cities). Edit it and give it back to &lt;i&gt;Match clusters with online belts&lt;/i&gt; as its relation table.&lt;/p&gt;</source>
        <translation>&lt;p&gt;为同一城市中每一对集群产业与产业带产业推荐产业关系，使分析人员只需审核一张表，而不必手工逐一判定成千上万的产业对。&lt;/p&gt;&lt;p&gt;规则按以下顺序应用，每条结果的规则记录在 &lt;code&gt;basis&lt;/code&gt; 中：分析人员的&lt;b&gt;关系表&lt;/b&gt;（始终优先；表中的 none 关系否决自动判定的关系）；规范化后名称相同（same_name）；&lt;b&gt;行业分类&lt;/b&gt;：将产业名称对应到 GB/T 4754-2017 代码（国民经济行业分类；先按关键词，否则按官方代码名称中的词）和 2018 年战略性新兴产业领域 - 同一四位数小类 = identical（相同），一个代码包含另一个 = subordinate（隶属），同一两位数大类、有明确的产业链关联或同属已发布统计分类中的同一组（高技术产业、数字经济核心产业、战略性新兴产业领域）= similar（相近）；&lt;b&gt;名称&lt;/b&gt;：去除通用词（产业, 集群, 创新型, 先进, ...）后的字符 n-gram 相似度，用于词表中没有的产业名称。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;：每个不同的产业对一行（字段见下文）。各行按审核人员应先看的顺序排列：&lt;code&gt;review_priority&lt;/code&gt; 最高的在前（判定出错时对结果的影响 × 规则的不确定程度 × 城市数）。审核修改后，可将其作为&lt;i&gt;集群与线上产业带匹配&lt;/i&gt;的关系表使用。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>SampleClustersStyle</name>
    <message>
        <source>Strategic emerging industry clusters (seic)</source>
        <translation>战略性新兴产业集群 (seic)</translation>
    </message>
    <message>
        <source>Advanced manufacturing clusters (amc)</source>
        <translation>先进制造业集群 (amc)</translation>
    </message>
    <message>
        <source>Innovative cluster pilots (icp)</source>
        <translation>创新型产业集群试点 (icp)</translation>
    </message>
</context>
<context>
    <name>SampleDataMenu</name>
    <message>
        <source>Provinces (Natural Earth)</source>
        <translation>省级行政区（Natural Earth）</translation>
    </message>
    <message>
        <source>ClusterBelt</source>
        <translation>ClusterBelt</translation>
    </message>
    <message>
        <source>ClusterBelt sample data</source>
        <translation>ClusterBelt 示例数据</translation>
    </message>
    <message>
        <source>{} national industrial clusters in {} city points (a partial sample), {} online belts and {} industry relations from Zhao et al. 2022, {} cities from Vonng/adcode (CC BY 4.0).</source>
        <translation>国家级产业集群 {} 个，共 {} 个城市点（部分样本）；Zhao 等（2022）的线上产业带 {} 个、产业关系 {} 条；城市 {} 个，来自 Vonng/adcode（CC BY 4.0）。</translation>
    </message>
</context>
<context>
    <name>SplitMultiCityAlgorithm</name>
    <message>
        <source>Split multi-city records</source>
        <translation>拆分多城市记录</translation>
    </message>
    <message>
        <source>Cluster-belt matching</source>
        <translation>集群—产业带匹配</translation>
    </message>
    <message>
        <source>Input table</source>
        <translation>输入表</translation>
    </message>
    <message>
        <source>City field (may list several cities)</source>
        <translation>城市字段（可列出多个城市）</translation>
    </message>
    <message>
        <source>One row per city</source>
        <translation>每个城市一行</translation>
    </message>
    <message>
        <source>Choose the city field of layer &apos;{}&apos;.</source>
        <translation>请选择图层“{}”的城市字段。</translation>
    </message>
    <message>
        <source>City field</source>
        <translation>城市字段</translation>
    </message>
    <message>
        <source>{} input rows -&gt; {} output rows; {} rows listed several cities.</source>
        <translation>输入 {} 行 -&gt; 输出 {} 行；其中 {} 行列出了多个城市。</translation>
    </message>
    <message>
        <source>{} rows have an empty city field; they are kept with city_count 0.</source>
        <translation>{} 行的城市字段为空；这些行保留，city_count 为 0。</translation>
    </message>
    <message>
        <source>{} city parts name a place below their city (county, district): they count as their city in matching and co-location.</source>
        <translation>{} 个城市部分指的是城市下属的地点（县、区）：在匹配和同城分析中按其所属城市计。</translation>
    </message>
    <message>
        <source>{} records list several parts in one city (e.g. two districts of it): rows {}.</source>
        <translation>{} 条记录列出同一城市的多个部分（例如该市的两个区）：第 {} 行。</translation>
    </message>
    <message>
        <source>The input already has fields named as this tool&apos;s: kept as {}.</source>
        <translation>输入已有与本工具输出同名的字段：保留为 {}。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Writes one row per city for records whose city field lists several cities, as the method counts a cluster that spans N cities: in matching each city part is its own record, in spatial statistics each part weighs 1/N.&lt;/p&gt;&lt;p&gt;&lt;b&gt;City field&lt;/b&gt;: separators are 、 , ， ; ； / ／ | ｜ with any whitespace around them (广州市、佛山市、惠州市; 广州/佛山).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: every input field and geometry, plus the fields listed below. A row with an empty city field is kept once with city_count 0 and a NULL share, and the log says how many there were.&lt;/p&gt;</source>
        <translation>&lt;p&gt;城市字段列出多个城市的记录，按城市拆分为每个城市一行，与方法对跨 N 个城市的集群的计数方式一致：匹配时每个城市部分各为一条记录，空间统计时每部分权重为 1/N。&lt;/p&gt;&lt;p&gt;&lt;b&gt;城市字段&lt;/b&gt;：分隔符为 、 , ， ; ； / ／ | ｜，前后可有空白（广州市、佛山市、惠州市; 广州/佛山）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输出&lt;/b&gt;：全部输入字段和几何，另加下文列出的字段。城市字段为空的记录保留一次，city_count 为 0，份额为 NULL，日志中给出此类记录的数量。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>StandardDeviationalEllipseAlgorithm</name>
    <message>
        <source>Standard deviational ellipse</source>
        <translation>标准差椭圆</translation>
    </message>
    <message>
        <source>Spatial distribution</source>
        <translation>空间分布</translation>
    </message>
    <message>
        <source>Input layer</source>
        <translation>输入图层</translation>
    </message>
    <message>
        <source>Weight field</source>
        <translation>权重字段</translation>
    </message>
    <message>
        <source>Case field (one ellipse per value)</source>
        <translation>分组字段（每个取值一个椭圆）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>ArcGIS (k x sqrt(2) standard deviations)</source>
        <translation>ArcGIS（k × sqrt(2) 倍标准差）</translation>
    </message>
    <message>
        <source>Yuill 1971 (k standard deviations)</source>
        <translation>Yuill 1971（k 倍标准差）</translation>
    </message>
    <message>
        <source>CrimeStat (k x sqrt(2) x sqrt(n/(n-2)))</source>
        <translation>CrimeStat（k × sqrt(2) × sqrt(n/(n-2)) 倍标准差）</translation>
    </message>
    <message>
        <source>Coverage (holds COVERAGE % of a bivariate normal)</source>
        <translation>覆盖率（包含二元正态分布的 COVERAGE %）</translation>
    </message>
    <message>
        <source>Size: number of standard deviations k</source>
        <translation>大小：标准差倍数 k</translation>
    </message>
    <message>
        <source>Coverage (percent, Coverage method only)</source>
        <translation>覆盖率（百分比，仅用于覆盖率方法）</translation>
    </message>
    <message>
        <source>CRS for the statistics (default: layer CRS or local equal-area)</source>
        <translation>统计计算所用坐标参考系（默认：图层坐标参考系或局部等积投影）</translation>
    </message>
    <message>
        <source>Vertices per ellipse</source>
        <translation>每个椭圆的顶点数</translation>
    </message>
    <message>
        <source>Ellipses</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <source>Ellipse centres</source>
        <translation>椭圆中心</translation>
    </message>
    <message>
        <source>Case field</source>
        <translation>分组字段</translation>
    </message>
    <message>
        <source>Size k must be a positive number, got {}.</source>
        <translation>大小 k 必须为正数，实际为 {}。</translation>
    </message>
    <message>
        <source>Coverage must be between 0 and 100 percent (exclusive), got {}.</source>
        <translation>覆盖率必须介于 0 和 100 之间（不含端点），实际为 {}。</translation>
    </message>
    <message>
        <source>Layer &apos;{}&apos; has no features: there is nothing to draw an ellipse for.</source>
        <translation>图层“{}”没有要素：无法绘制椭圆。</translation>
    </message>
    <message>
        <source>{} cases; by status: {}.</source>
        <translation>{} 个分组；按状态：{}。</translation>
    </message>
    <message>
        <source>Case {}</source>
        <translation>分组 {}</translation>
    </message>
    <message>
        <source>All features</source>
        <translation>全部要素</translation>
    </message>
    <message>
        <source>{}: status {} (n = {}).</source>
        <translation>{}：状态 {}（n = {}）。</translation>
    </message>
    <message>
        <source>{}: n = {}, centre ({:.6f}, {:.6f}), semi-axes {:.6g} / {:.6g}, azimuth {}.</source>
        <translation>{}：n = {}，中心 ({:.6f}, {:.6f})，长半轴/短半轴 {:.6g} / {:.6g}，方位角 {}。</translation>
    </message>
    <message>
        <source>{}: status not_finite (n = {}): its coordinates, weights or size are too large for the numbers to be represented; no ellipse is drawn.</source>
        <translation>{}：状态 not_finite（n = {}）：其坐标、权重或大小过大，数值无法表示；不绘制椭圆。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Draws one standard deviational ellipse (Lefever 1926) per case: the weighted mean centre, the directions of greatest and least spread and the spread along them.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input layer&lt;/b&gt;: any vector layer. Each feature contributes one point: its point, or the centroid of a line, polygon or multipart geometry. Features without geometry, and features whose weight is NULL or not a number, are skipped and counted in &lt;code&gt;n_skipped&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Weight field&lt;/b&gt; (optional, numeric): negative weights count as 0, as in ArcGIS.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Case field&lt;/b&gt; (optional, any type): one ellipse per distinct value; NULL is a case of its own.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Method&lt;/b&gt;: the semi-axes are scale &amp;times; sqrt(&amp;lambda;) where &amp;lambda; are the eigenvalues of the weighted covariance (divisor: sum of weights). ArcGIS (default): scale = k&amp;middot;sqrt(2), as ArcGIS Directional Distribution. Yuill 1971: scale = k. CrimeStat: scale = k&amp;middot;sqrt(2)&amp;middot;sqrt(n/(n-2)), n the number of points. Coverage: the ellipse a bivariate normal puts COVERAGE % of its mass in, scale = sqrt(-2 ln(1-p)) (Wang, Shi &amp;amp; Miao 2015).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Size&lt;/b&gt;: k, the number of standard deviations. &lt;b&gt;Coverage&lt;/b&gt;: percent, used by the Coverage method only.&lt;/p&gt;&lt;p&gt;&lt;b&gt;CRS for the statistics&lt;/b&gt;: by default the layer&apos;s CRS when it is projected; for a geographic layer an automatic Lambert azimuthal equal-area CRS centred on the data. Choose the layer&apos;s geographic CRS to compute on raw degrees as ArcGIS does. The output is always in the layer&apos;s CRS; the field &lt;code&gt;calc_crs&lt;/code&gt; names the CRS of the numbers.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Bootstrap&lt;/b&gt; (resamples, 0 = off), &lt;b&gt;Confidence&lt;/b&gt; (percent) and &lt;b&gt;Seed&lt;/b&gt; (optional, for reproducible runs): percentile intervals from resampling each case&apos;s points with replacement, in fields &lt;code&gt;&amp;lt;name&amp;gt;_lo&lt;/code&gt;, &lt;code&gt;&amp;lt;name&amp;gt;_hi&lt;/code&gt; for center_x_calc_crs, center_y_calc_crs, major_sd, minor_sd and azimuth (circular statistics: azimuth_lo may be below 0 or azimuth_hi above 180 when the interval contains north; read it mod 180). They say how much the ellipse would vary over samples like this one from the same population (Wang, Shi &amp;amp; Miao 2015); they assume independent points, which a complete list (all cities) is not.&lt;/p&gt;</source>
        <translation>&lt;p&gt;为每个分组绘制一个标准差椭圆（Lefever 1926）：加权平均中心、离散程度最大和最小的方向以及沿这两个方向的离散程度。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入图层&lt;/b&gt;：任意矢量图层。每个要素贡献一个点：点要素取其点，线、面或多部件几何取其质心。没有几何的要素，以及权重为 NULL 或非数值的要素将被跳过，并计入 &lt;code&gt;n_skipped&lt;/code&gt;。&lt;/p&gt;&lt;p&gt;&lt;b&gt;权重字段&lt;/b&gt;（可选，数值型）：负权重按 0 计，与 ArcGIS 相同。&lt;/p&gt;&lt;p&gt;&lt;b&gt;分组字段&lt;/b&gt;（可选，任意类型）：每个不同取值一个椭圆；NULL 自成一组。&lt;/p&gt;&lt;p&gt;&lt;b&gt;方法&lt;/b&gt;：半轴为 scale &amp;times; sqrt(&amp;lambda;)，其中 &amp;lambda; 为加权协方差矩阵的特征值（除数：权重之和）。ArcGIS（默认）：scale = k&amp;middot;sqrt(2)，与 ArcGIS 的方向分布（标准差椭圆）工具相同。Yuill 1971：scale = k。CrimeStat：scale = k&amp;middot;sqrt(2)&amp;middot;sqrt(n/(n-2))，n 为点数。覆盖率：二元正态分布有 COVERAGE % 的概率质量落在其中的椭圆，scale = sqrt(-2 ln(1-p))（Wang, Shi &amp;amp; Miao 2015）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;大小&lt;/b&gt;：k，标准差的倍数。&lt;b&gt;覆盖率&lt;/b&gt;：百分比，仅用于覆盖率方法。&lt;/p&gt;&lt;p&gt;&lt;b&gt;统计计算所用坐标参考系&lt;/b&gt;：默认情况下，投影图层使用图层的坐标参考系；地理坐标图层自动使用以数据为中心的兰伯特方位等积投影。若要像 ArcGIS 一样直接以经纬度（度）计算，请选择图层的地理坐标参考系。输出总是采用图层的坐标参考系；字段 &lt;code&gt;calc_crs&lt;/code&gt; 记录数值所在的坐标参考系。&lt;/p&gt;&lt;p&gt;&lt;b&gt;自助法重抽样次数&lt;/b&gt;（0 = 关闭）、&lt;b&gt;置信度&lt;/b&gt;（百分比）和&lt;b&gt;随机种子&lt;/b&gt;（可选，用于可重复的运行）：在每个分组内对点有放回地重抽样，得到百分位区间，写入字段 &lt;code&gt;&amp;lt;name&amp;gt;_lo&lt;/code&gt;、&lt;code&gt;&amp;lt;name&amp;gt;_hi&lt;/code&gt;，对应 center_x_calc_crs、center_y_calc_crs、major_sd、minor_sd 和 azimuth（方位角用圆形统计：当区间包含正北时，azimuth_lo 可能小于 0 或 azimuth_hi 大于 180，应按模 180 理解）。区间表示从同一总体抽取的类似样本中椭圆会有多大变化（Wang、Shi &amp;amp; Miao 2015）；它假定各点相互独立，而完整名录（如全部城市）并非如此。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Bootstrap resamples for confidence intervals (0 = off)</source>
        <translation>自助法重抽样次数，用于置信区间（0 = 关闭）</translation>
    </message>
    <message>
        <source>Confidence of the intervals (percent)</source>
        <translation>区间的置信度（百分比）</translation>
    </message>
    <message>
        <source>Seed of the bootstrap (optional, for reproducible runs)</source>
        <translation>自助法的随机种子（可选，用于可重复的运行）</translation>
    </message>
</context>
<context>
    <name>StandardDistanceAlgorithm</name>
    <message>
        <source>Standard distance</source>
        <translation>标准距离</translation>
    </message>
    <message>
        <source>Spatial distribution</source>
        <translation>空间分布</translation>
    </message>
    <message>
        <source>Case field (one circle per value)</source>
        <translation>分组字段</translation>
    </message>
    <message>
        <source>Size: number of standard distances</source>
        <translation>大小：标准距离的倍数</translation>
    </message>
    <message>
        <source>Vertices per circle</source>
        <translation>每个圆的顶点数</translation>
    </message>
    <message>
        <source>Size must be a positive number, got {}.</source>
        <translation>大小必须是正数，当前为 {}。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Draws per case a circle centred on the weighted mean centre whose radius is SIZE standard distances, StdDist = SIZE &amp;times; sqrt(&amp;sum; w ((x - x&amp;#772;)&amp;sup2; + (y - y&amp;#772;)&amp;sup2;) / &amp;sum; w), as ArcGIS Standard Distance.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Input layer&lt;/b&gt;: any vector layer; each feature contributes its point or the centroid of its geometry. Features without geometry or with a NULL weight are skipped and counted in &lt;code&gt;n_skipped&lt;/code&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Weight field&lt;/b&gt; (optional): negative weights count as 0. &lt;b&gt;Case field&lt;/b&gt; (optional): one circle per value, kept under its own name.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Size&lt;/b&gt;: the number of standard distances (any positive number). Under a bivariate normal with equal variances a circle of 1, 2, 3 standard distances holds 63.2, 98.2, 99.99 % of the points, not 68 / 95 / 99 %.&lt;/p&gt;&lt;p&gt;&lt;b&gt;CRS for the statistics&lt;/b&gt; and &lt;b&gt;Vertices&lt;/b&gt;: as the ellipse tool.&lt;/p&gt;</source>
        <translation>&lt;p&gt;为每个分组绘制一个以加权平均中心为圆心、半径为 SIZE 倍标准距离的圆，StdDist = SIZE &amp;times; sqrt(&amp;sum; w ((x - x&amp;#772;)&amp;sup2; + (y - y&amp;#772;)&amp;sup2;) / &amp;sum; w)，与 ArcGIS“标准距离”相同。&lt;/p&gt;&lt;p&gt;&lt;b&gt;输入图层&lt;/b&gt;：任意矢量图层；每个要素贡献其点或其几何的质心。没有几何或权重为 NULL 的要素被跳过并计入 &lt;code&gt;n_skipped&lt;/code&gt;。&lt;/p&gt;&lt;p&gt;&lt;b&gt;权重字段&lt;/b&gt;（可选）：负权重按 0 计。&lt;b&gt;分组字段&lt;/b&gt;（可选）：每个取值一个圆，输出中保留原字段名。&lt;/p&gt;&lt;p&gt;&lt;b&gt;大小&lt;/b&gt;：标准距离的倍数（任意正数）。在等方差二元正态分布下，1、2、3 倍标准距离的圆分别包含 63.2%、98.2%、99.99% 的点，而不是 68%、95%、99%。&lt;/p&gt;&lt;p&gt;&lt;b&gt;统计所用坐标系&lt;/b&gt;和&lt;b&gt;顶点数&lt;/b&gt;：与标准差椭圆工具相同。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>The output {output} could not be written (row {row}): {reason}</source>
        <translation>输出 {output} 无法写入（第 {row} 行）：{reason}</translation>
    </message>
    <message>
        <source>The output {output} could not be written (rows {first} to {last}): {reason}</source>
        <translation>输出 {output} 无法写入（第 {first} 至 {last} 行）：{reason}</translation>
    </message>
</context>
</TS>
