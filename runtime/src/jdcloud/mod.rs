//! JD Cloud: the request signature. (The REST protocol client comes with the JD Cloud
//! VM spec.)

pub mod sign;
