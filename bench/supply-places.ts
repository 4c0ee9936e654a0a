/**
 * Places for bench:supply's generated suppliers: ordinary cities of other provinces, the look-alikes a Xinjiang
 * gazetteer must not fall for (each with `trap` saying why), and Xinjiang places. Postal codes are the cities'.
 */
export interface GenPlace {
  provinceZh: string;
  provinceEn?: string;
  cityZh: string;
  cityEn: string;
  districtZh: string;
  districtEn: string;
  postal: string;
  /** A fixed street (a street named after a Xinjiang place). */
  street?: readonly [string, string];
  trap?: string;
}

const p = (
  provinceZh: string,
  provinceEn: string,
  cityZh: string,
  cityEn: string,
  districtZh: string,
  districtEn: string,
  postal: string,
  extra: Partial<GenPlace> = {},
): GenPlace => ({
  provinceZh,
  provinceEn,
  cityZh,
  cityEn,
  districtZh,
  districtEn,
  postal,
  ...extra,
});

export const NEGATIVE_PLACES: GenPlace[] = [
  p('浙江省', 'Zhejiang', '杭州市', 'Hangzhou', '西湖区', 'Xihu District', '310013'),
  p('浙江省', 'Zhejiang', '宁波市', 'Ningbo', '鄞州区', 'Yinzhou District', '315100'),
  p('浙江省', 'Zhejiang', '绍兴市', 'Shaoxing', '柯桥区', 'Keqiao District', '312030'),
  p('浙江省', 'Zhejiang', '义乌市', 'Yiwu', '稠城街道', 'Choucheng Subdistrict', '322000', { trap: 'Yiwu (义乌) is not Yiwu County (伊吾)' }),
  p('江苏省', 'Jiangsu', '苏州市', 'Suzhou', '工业园区', 'Suzhou Industrial Park', '215021'),
  p('江苏省', 'Jiangsu', '南京市', 'Nanjing', '江宁区', 'Jiangning District', '211100'),
  p('江苏省', 'Jiangsu', '常州市', 'Changzhou', '武进区', 'Wujin District', '213161'),
  p('广东省', 'Guangdong', '深圳市', 'Shenzhen', '南山区', 'Nanshan District', '518057'),
  p('广东省', 'Guangdong', '东莞市', 'Dongguan', '长安镇', "Chang'an Town", '523850'),
  p('广东省', 'Guangdong', '广州市', 'Guangzhou', '番禺区洛浦街道', 'Luopu Subdistrict, Panyu District', '511431', { trap: '洛浦 Luopu is also Lop County' }),
  p('山东省', 'Shandong', '青岛市', 'Qingdao', '市北区', 'Shibei District', '266011', { street: ['新疆路', 'Xinjiang Road'], trap: 'Xinjiang Road, Qingdao' }),
  p('山东省', 'Shandong', '潍坊市', 'Weifang', '寿光市', 'Shouguang', '262700'),
  p('河北省', 'Hebei', '邢台市', 'Xingtai', '新河县', 'Xinhe County', '055650', { trap: 'Xinhe County (新河县), Hebei' }),
  p('河北省', 'Hebei', '邢台市', 'Xingtai', '清河县', 'Qinghe County', '054800', { trap: 'Qinghe County (清河县), Hebei' }),
  p('河北省', 'Hebei', '唐山市', 'Tangshan', '玉田县', 'Yutian County', '064100', { trap: 'Yutian County (玉田县), Hebei' }),
  p('河北省', 'Hebei', '保定市', 'Baoding', '新市区', 'Xinshi District', '071051', { trap: '新市区, Baoding' }),
  p('四川省', 'Sichuan', '乐山市', 'Leshan', '沙湾区', 'Shawan District', '614900', { trap: '沙湾区, Leshan' }),
  p('四川省', 'Sichuan', '成都市', 'Chengdu', '武侯区', 'Wuhou District', '610041'),
  p('吉林省', 'Jilin', '白城市', 'Baicheng', '洮北区', 'Taobei District', '137000', { trap: 'Baicheng (白城), Jilin' }),
  p('上海市', '', '上海市', 'Shanghai', '静安区', "Jing'an District", '200040', {
    street: ['乌鲁木齐中路', 'Wulumuqi Middle Road'],
    trap: 'Wulumuqi Road, Shanghai',
  }),
  p('上海市', '', '上海市', 'Shanghai', '静安区', "Jing'an District", '200070', { street: ['和田路', 'Hetian Road'], trap: 'Hetian Road, Shanghai' }),
  p('上海市', '', '上海市', 'Shanghai', '浦东新区', 'Pudong New Area', '201203'),
  p('福建省', 'Fujian', '泉州市', 'Quanzhou', '晋江市', 'Jinjiang', '362200'),
  p('河南省', 'Henan', '郑州市', 'Zhengzhou', '金水区', 'Jinshui District', '450000'),
  p('湖北省', 'Hubei', '武汉市', 'Wuhan', '洪山区', 'Hongshan District', '430070'),
  p('内蒙古自治区', 'Inner Mongolia', '呼和浩特市', 'Hohhot', '金川开发区', 'Yili Industrial Park, Jinchuan Development Zone', '010080', {
    trap: 'Yili (伊利) dairy park, Hohhot',
  }),
  p('广西壮族自治区', 'Guangxi', '河池市', 'Hechi', '宜州区', 'Yizhou District', '546300', { trap: 'Yizhou District (宜州区), Guangxi' }),
  p('陕西省', 'Shaanxi', '西安市', "Xi'an", '泾河新城', 'Jinghe New City', '713700', { trap: 'Jinghe New City, Shaanxi' }),
  p('甘肃省', 'Gansu', '兰州市', 'Lanzhou', '城关区', 'Chengguan District', '730030'),
  p('青海省', 'Qinghai', '西宁市', 'Xining', '城东区', 'Chengdong District', '810007'),
  p('天津市', '', '天津市', 'Tianjin', '和平区', 'Heping District', '300041'),
];

export const XINJIANG_PLACES: GenPlace[] = [
  p('新疆维吾尔自治区', 'Xinjiang', '乌鲁木齐市', 'Urumqi', '米东区', 'Midong District', '831400'),
  p('新疆维吾尔自治区', 'Xinjiang', '阿克苏地区', 'Aksu Prefecture', '阿克苏市', 'Aksu', '843000'),
  p('新疆维吾尔自治区', 'Xinjiang', '喀什地区', 'Kashgar', '疏附县', 'Shufu County', '844100'),
  p('新疆维吾尔自治区', 'Xinjiang', '和田地区', 'Hotan', '墨玉县', 'Karakax County', '848100'),
  p('新疆维吾尔自治区', 'Xinjiang', '巴音郭楞蒙古自治州', 'Bayingolin', '库尔勒市', 'Korla', '841000'),
  p('新疆维吾尔自治区', 'Xinjiang', '石河子市', 'Shihezi', '北泉镇', 'Beiquan Town', '832000'),
  p('新疆维吾尔自治区', 'Xinjiang', '昌吉回族自治州', 'Changji', '玛纳斯县', 'Manas County', '832200'),
  p('新疆维吾尔自治区', 'Xinjiang', '伊犁哈萨克自治州', 'Ili', '霍尔果斯市', 'Khorgas', '835221'),
  p('新疆维吾尔自治区', 'Xinjiang', '吐鲁番市', 'Turpan', '鄯善县', 'Shanshan County', '838200'),
  p('新疆维吾尔自治区', '', '阿拉尔市', 'Alar', '幸福路', 'Xingfu Road', '843300'),
];
