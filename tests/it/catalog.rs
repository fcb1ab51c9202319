//! The bad-input catalog: every command and file type fed wrong input, each with its exit
//! code and message snapshot.
